package dev.cutover.gate.spi;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One reading of a metric: its value and how many samples it summarises (requests counted, rows
 * checked, scrapes averaged).
 *
 * @param value the value, exact
 * @param samples the number of samples behind the value, not negative
 */
public record MetricReading(BigDecimal value, long samples) {
  /**
   * Checks the reading.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code samples} is negative
   */
  public MetricReading {
    Objects.requireNonNull(value, "value");
    if (samples < 0) {
      throw new IllegalArgumentException("samples must not be negative, got " + samples);
    }
  }

  /**
   * A reading from its decimal text.
   *
   * @param value the value, e.g. {@code "0.012"}
   * @param samples the number of samples
   * @return the reading
   */
  public static MetricReading of(String value, long samples) {
    return new MetricReading(new BigDecimal(Objects.requireNonNull(value, "value")), samples);
  }
}
