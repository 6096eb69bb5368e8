package dev.cutover.rollback.trigger;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Fires when a validation checkpoint finds data whose digest does not match the expected one
 * (for example the digest of a migrated table against its source). Fires at most once until
 * {@link #reset()}. Thread-safe.
 */
public final class CorruptionTrigger {
  private final String name;
  private final Clock clock;
  private final TriggerListener listener;
  private boolean fired;

  private CorruptionTrigger(String name, Clock clock, TriggerListener listener) {
    this.name = name;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Creates a trigger.
   *
   * @param name the trigger's name, used in events
   * @param clock the clock for event times
   * @param listener who hears when it fires
   * @return the trigger
   */
  public static CorruptionTrigger create(String name, Clock clock, TriggerListener listener) {
    Names.name(name, "name");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
    return new CorruptionTrigger(name, clock, listener);
  }

  /**
   * Reports the outcome of one validation checkpoint.
   *
   * @param checkpoint the checkpoint's name, e.g. {@code accounts-after-copy}
   * @param expectedDigest what the data should digest to
   * @param actualDigest what it digests to
   * @return the event if this checkpoint fired the trigger
   */
  public synchronized Optional<TriggerEvent> checkpoint(
      String checkpoint, String expectedDigest, String actualDigest) {
    Names.name(checkpoint, "checkpoint");
    Objects.requireNonNull(expectedDigest, "expectedDigest");
    Objects.requireNonNull(actualDigest, "actualDigest");
    if (fired || expectedDigest.equals(actualDigest)) {
      return Optional.empty();
    }
    fired = true;
    TriggerEvent e = new TriggerEvent(name, TriggerEvent.Kind.CORRUPTION, checkpoint,
        clock.instant(), "validation checkpoint '" + checkpoint + "' expected digest "
            + expectedDigest + ", found " + actualDigest);
    listener.onTriggered(e);
    return Optional.of(e);
  }

  /** Re-arms the trigger. */
  public synchronized void reset() {
    fired = false;
  }
}
