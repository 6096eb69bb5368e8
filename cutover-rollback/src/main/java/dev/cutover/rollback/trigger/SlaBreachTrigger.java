package dev.cutover.rollback.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires when a metric stays beyond its threshold for a sustained duration: every sample recorded
 * since the first breaching one breached, and that first one is at least the duration old. A
 * sample within the threshold starts over. Fires at most once until {@link #reset()}.
 * Thread-safe.
 *
 * <pre>{@code
 * SlaBreachTrigger latency = SlaBreachTrigger.builder("p99-latency-ms")
 *     .above(500)
 *     .sustainedFor(Duration.ofMinutes(2))
 *     .listener(engine::rollbackOn)
 *     .build();
 * latency.record(metrics.p99());
 * }</pre>
 */
public final class SlaBreachTrigger {
  private final String metric;
  private final double threshold;
  private final boolean above;
  private final Duration sustainedFor;
  private final Clock clock;
  private final TriggerListener listener;
  private Instant breachSince;
  private boolean fired;

  private SlaBreachTrigger(Builder b) {
    this.metric = b.metric;
    this.threshold = b.threshold;
    this.above = b.above;
    this.sustainedFor = b.sustainedFor;
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.listener = b.listener;
  }

  /**
   * Starts a trigger on one metric.
   *
   * @param metric the metric's name, used in events
   * @return a builder
   */
  public static Builder builder(String metric) {
    return new Builder(Names.name(metric, "metric"));
  }

  /**
   * Records one sample of the metric, taken now (by the trigger's clock).
   *
   * @param value the sample; not NaN
   * @return the event if this sample fired the trigger
   */
  public synchronized Optional<TriggerEvent> record(double value) {
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("metric '" + metric + "' sample must be a number, got NaN");
    }
    if (fired) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    boolean breached = above ? value > threshold : value < threshold;
    if (!breached) {
      breachSince = null;
      return Optional.empty();
    }
    if (breachSince == null) {
      breachSince = now;
    }
    Duration lasting = Duration.between(breachSince, now);
    if (lasting.compareTo(sustainedFor) < 0) {
      return Optional.empty();
    }
    fired = true;
    TriggerEvent e = new TriggerEvent(metric, TriggerEvent.Kind.SLA_BREACH, metric, now,
        "metric '" + metric + "' has been " + (above ? "above " : "below ") + threshold
            + " since " + breachSince + " (" + lasting + ", limit " + sustainedFor
            + "); last sample " + value);
    listener.onTriggered(e);
    return Optional.of(e);
  }

  /** Forgets the current breach and re-arms the trigger. */
  public synchronized void reset() {
    breachSince = null;
    fired = false;
  }

  /** Builds a {@link SlaBreachTrigger}; not thread-safe. */
  public static final class Builder {
    private final String metric;
    private Double thresholdSet;
    private double threshold;
    private boolean above;
    private Duration sustainedFor;
    private Clock clock;
    private TriggerListener listener;

    private Builder(String metric) {
      this.metric = metric;
    }

    /**
     * Breaches when a sample is greater than the threshold. Conflicts with {@link #below}.
     *
     * @param threshold a finite number
     * @return this builder
     */
    public Builder above(double threshold) {
      return threshold(threshold, true);
    }

    /**
     * Breaches when a sample is less than the threshold. Conflicts with {@link #above}.
     *
     * @param threshold a finite number
     * @return this builder
     */
    public Builder below(double threshold) {
      return threshold(threshold, false);
    }

    private Builder threshold(double value, boolean isAbove) {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("threshold must be finite, got " + value);
      }
      if (thresholdSet != null) {
        throw new IllegalStateException(
            "threshold is already set (" + (above ? "above " : "below ") + threshold + ")");
      }
      this.thresholdSet = value;
      this.threshold = value;
      this.above = isAbove;
      return this;
    }

    /**
     * Sets how long the breach must last before the trigger fires. Required; zero fires on the
     * first breaching sample.
     *
     * @param duration not negative
     * @return this builder
     */
    public Builder sustainedFor(Duration duration) {
      Names.notNegative(duration, "sustainedFor");
      Names.once(this.sustainedFor, "sustainedFor");
      this.sustainedFor = duration;
      return this;
    }

    /**
     * Sets the clock that times samples (default: the UTC system clock).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock");
      Names.once(this.clock, "clock");
      this.clock = clock;
      return this;
    }

    /**
     * Sets who hears when the trigger fires. Required.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(TriggerListener listener) {
      Objects.requireNonNull(listener, "listener");
      Names.once(this.listener, "listener");
      this.listener = listener;
      return this;
    }

    /**
     * Builds the trigger.
     *
     * @return the trigger
     * @throws IllegalStateException if the threshold, duration or listener is missing
     */
    public SlaBreachTrigger build() {
      if (thresholdSet == null || sustainedFor == null || listener == null) {
        throw new IllegalStateException("SLA trigger on metric '" + metric
            + "' needs a threshold (above or below), sustainedFor and a listener");
      }
      return new SlaBreachTrigger(this);
    }
  }
}
