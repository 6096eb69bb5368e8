package dev.cutover.rollback.trigger;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Fires when a health check fails a number of times in a row; a success resets the count. Fires at
 * most once until {@link #reset()}. Thread-safe.
 *
 * <pre>{@code
 * HealthCheckTrigger trigger = HealthCheckTrigger.builder("checkout-health")
 *     .check(() -> http.get("/health").status() == 200)
 *     .failuresInARow(3)
 *     .listener(engine::rollbackOn)
 *     .build();
 * scheduler.scheduleAtFixedRate(trigger::poll, 0, 10, SECONDS);
 * }</pre>
 */
public final class HealthCheckTrigger {
  private final String name;
  private final BooleanSupplier check;
  private final int failuresInARow;
  private final Clock clock;
  private final TriggerListener listener;
  private int failures;
  private boolean fired;

  private HealthCheckTrigger(Builder b) {
    this.name = b.name;
    this.check = b.check;
    this.failuresInARow = b.failuresInARow;
    this.clock = b.clock != null ? b.clock : Clock.systemUTC();
    this.listener = b.listener;
  }

  /**
   * Starts a trigger.
   *
   * @param name the trigger's name, used in events
   * @return a builder
   */
  public static Builder builder(String name) {
    return new Builder(Names.name(name, "name"));
  }

  /**
   * Runs the health check once; an exception thrown by the check counts as a failure.
   *
   * @return the event if this poll fired the trigger
   */
  public synchronized Optional<TriggerEvent> poll() {
    if (fired) {
      return Optional.empty();
    }
    boolean healthy;
    String detail = "";
    try {
      healthy = check.getAsBoolean();
    } catch (RuntimeException e) {
      healthy = false;
      detail = " (last failure: " + e + ")";
    }
    if (healthy) {
      failures = 0;
      return Optional.empty();
    }
    failures++;
    if (failures < failuresInARow) {
      return Optional.empty();
    }
    fired = true;
    TriggerEvent e = new TriggerEvent(name, TriggerEvent.Kind.HEALTH_CHECK, name, clock.instant(),
        "health check '" + name + "' failed " + failures + " times in a row (limit "
            + failuresInARow + ")" + detail);
    listener.onTriggered(e);
    return Optional.of(e);
  }

  /** Forgets failures and re-arms the trigger. */
  public synchronized void reset() {
    failures = 0;
    fired = false;
  }

  /** Builds a {@link HealthCheckTrigger}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private BooleanSupplier check;
    private int failuresInARow = -1;
    private Clock clock;
    private TriggerListener listener;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the health check: {@code true} means healthy. Required.
     *
     * @param check the check
     * @return this builder
     */
    public Builder check(BooleanSupplier check) {
      Objects.requireNonNull(check, "check");
      Names.once(this.check, "check");
      this.check = check;
      return this;
    }

    /**
     * Sets how many failures in a row fire the trigger (default 3).
     *
     * @param failures at least 1
     * @return this builder
     */
    public Builder failuresInARow(int failures) {
      if (failures < 1) {
        throw new IllegalArgumentException("failuresInARow must be at least 1, got " + failures);
      }
      if (failuresInARow != -1) {
        throw new IllegalStateException("failuresInARow is already set to " + failuresInARow);
      }
      this.failuresInARow = failures;
      return this;
    }

    /**
     * Sets the clock for event times (default: the UTC system clock).
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
     * @throws IllegalStateException if the check or the listener is missing
     */
    public HealthCheckTrigger build() {
      if (check == null || listener == null) {
        throw new IllegalStateException(
            "health check trigger '" + name + "' needs a check and a listener");
      }
      if (failuresInARow == -1) {
        failuresInARow = 3;
      }
      return new HealthCheckTrigger(this);
    }
  }
}
