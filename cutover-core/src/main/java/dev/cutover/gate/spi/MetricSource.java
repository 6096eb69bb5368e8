package dev.cutover.gate.spi;

import java.util.Optional;

/**
 * Where gates read metrics from. Implemented by the host over whatever it has: Micrometer,
 * Prometheus, a SQL query. Implementations must be thread-safe; a gate reads each metric it needs
 * once per decision.
 */
public interface MetricSource {
  /**
   * Reads the current value of a metric.
   *
   * @param metric the metric's name
   * @return the reading, or empty if there is none (which a criterion treats as insufficient
   *     data)
   */
  Optional<MetricReading> read(String metric);

  /**
   * Reads the baseline of a metric recorded before the cutover, for criteria relative to it. By
   * default there is none.
   *
   * @param metric the metric's name
   * @return the baseline, or empty if none was recorded
   */
  default Optional<MetricReading> baseline(String metric) {
    return Optional.empty();
  }
}
