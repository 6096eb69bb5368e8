package dev.cutover.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A {@link Clock} under the test's control: it stands still until the test moves it with {@link
 * #advance} or {@link #set}. Pass it wherever Cutover takes a clock (engine, audit log, runner) so
 * timestamps, lease expiry and gate windows are reproducible.
 *
 * <p>Thread-safe: reads and moves are atomic. Time never moves backwards unless the test calls
 * {@link #set} with an earlier instant.
 */
public final class TestClock extends Clock {
  /** The instant a clock made by {@link #start()} shows: {@code 2026-01-01T00:00:00Z}. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final Object lock;
  private final ZoneId zone;
  private final Instant[] now;

  private TestClock(Object lock, Instant[] now, ZoneId zone) {
    this.lock = lock;
    this.now = now;
    this.zone = zone;
  }

  /**
   * A clock at {@link #DEFAULT_START} in UTC.
   *
   * @return the clock
   */
  public static TestClock start() {
    return at(DEFAULT_START);
  }

  /**
   * A clock at the given instant in UTC.
   *
   * @param instant where the clock stands
   * @return the clock
   * @throws NullPointerException if instant is null
   */
  public static TestClock at(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    return new TestClock(new Object(), new Instant[] {instant}, ZoneOffset.UTC);
  }

  /**
   * Moves the clock forward.
   *
   * @param amount how far, not negative
   * @return the new instant
   * @throws NullPointerException if amount is null
   * @throws IllegalArgumentException if amount is negative
   */
  public Instant advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("a test clock only advances forwards, got " + amount);
    }
    synchronized (lock) {
      now[0] = now[0].plus(amount);
      return now[0];
    }
  }

  /**
   * Moves the clock forward by some milliseconds.
   *
   * @param millis how far, not negative
   * @return the new instant
   * @throws IllegalArgumentException if millis is negative
   */
  public Instant advanceMillis(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("a test clock only advances forwards, got " + millis + " ms");
    }
    return advance(Duration.ofMillis(millis));
  }

  /**
   * Sets the clock to an instant, earlier or later.
   *
   * @param instant the new instant
   * @throws NullPointerException if instant is null
   */
  public void set(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    synchronized (lock) {
      now[0] = instant;
    }
  }

  @Override
  public Instant instant() {
    synchronized (lock) {
      return now[0];
    }
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /**
   * A view of this clock in another zone; it moves with this clock.
   *
   * @param zone the zone
   * @return the view
   */
  @Override
  public TestClock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone");
    return new TestClock(lock, now, zone);
  }

  @Override
  public String toString() {
    return "TestClock[" + instant() + ", " + zone + "]";
  }
}
