package dev.cutover.gate;

import dev.cutover.gate.spi.MetricReading;
import dev.cutover.gate.spi.MetricSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A metric source over fixed readings, as a host might back one with a map of gauges. */
final class Metrics implements MetricSource {
  private final Map<String, MetricReading> current = new HashMap<>();
  private final Map<String, MetricReading> baselines = new HashMap<>();

  Metrics with(String name, String value, long samples) {
    current.put(name, MetricReading.of(value, samples));
    return this;
  }

  Metrics baseline(String name, String value) {
    baselines.put(name, MetricReading.of(value, 1000));
    return this;
  }

  @Override
  public Optional<MetricReading> read(String metric) {
    return Optional.ofNullable(current.get(metric));
  }

  @Override
  public Optional<MetricReading> baseline(String metric) {
    return Optional.ofNullable(baselines.get(metric));
  }
}
