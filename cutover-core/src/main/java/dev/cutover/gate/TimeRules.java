package dev.cutover.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * When a task, a gate or a rollback may proceed: change windows, freezes, a time lock, and rollback
 * windows. Every window is half-open, {@code [start, end)}.
 *
 * <ul>
 *   <li>To proceed, the instant must be inside one of the change windows (if any are configured),
 *       inside none of the freezes, and not before the time lock.
 *   <li>A rollback may start only inside one of the rollback windows (if any are configured);
 *       freezes and the time lock do not apply to it, because a rollback is how a failed change is
 *       undone.
 * </ul>
 *
 * <p>Checks are pure functions of the instant given. Immutable and thread-safe.
 */
public final class TimeRules {
  private final List<TimeWindow> changeWindows;
  private final List<TimeWindow> freezes;
  private final List<TimeWindow> rollbackWindows;
  private final Instant notBefore;

  private TimeRules(Builder b) {
    this.changeWindows = List.copyOf(b.changeWindows);
    this.freezes = List.copyOf(b.freezes);
    this.rollbackWindows = List.copyOf(b.rollbackWindows);
    this.notBefore = b.notBefore;
  }

  /**
   * Starts a set of rules; with none added, everything may proceed at any time.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Rules that allow everything at any time.
   *
   * @return the rules
   */
  public static TimeRules always() {
    return builder().build();
  }

  /**
   * Whether a task or gate may proceed at an instant.
   *
   * @param now the instant, from the caller's clock
   * @return the check, with its reason and evidence
   */
  public WindowCheck checkProceed(Instant now) {
    Objects.requireNonNull(now, "now");
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("now", now.toString());
    e.put("change_windows", strings(changeWindows));
    e.put("freezes", strings(freezes));
    if (notBefore != null) {
      e.put("not_before", notBefore.toString());
    }
    String reason = null;
    if (notBefore != null && now.isBefore(notBefore)) {
      reason = "time lock: not before " + notBefore + ", now " + now;
    }
    if (reason == null) {
      for (TimeWindow f : freezes) {
        if (f.contains(now)) {
          reason = "inside freeze " + f + ", now " + now;
          break;
        }
      }
    }
    if (reason == null && !changeWindows.isEmpty() && inside(changeWindows, now) == null) {
      reason = "outside every change window " + changeWindows + ", now " + now;
    }
    boolean open = reason == null;
    if (open) {
      TimeWindow w = inside(changeWindows, now);
      reason = w == null ? "no window restricts " + now : "inside change window " + w;
    }
    e.put("open", open);
    e.put("reason", reason);
    return new WindowCheck(open, reason, e);
  }

  /**
   * Whether a rollback may start at an instant.
   *
   * @param now the instant, from the caller's clock
   * @return the check, with its reason and evidence
   */
  public WindowCheck checkRollback(Instant now) {
    Objects.requireNonNull(now, "now");
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("now", now.toString());
    e.put("rollback_windows", strings(rollbackWindows));
    TimeWindow w = inside(rollbackWindows, now);
    boolean open = rollbackWindows.isEmpty() || w != null;
    String reason =
        rollbackWindows.isEmpty()
            ? "no rollback window restricts " + now
            : w != null
                ? "inside rollback window " + w
                : "outside every rollback window " + rollbackWindows + ", now " + now;
    e.put("open", open);
    e.put("reason", reason);
    return new WindowCheck(open, reason, e);
  }

  private static TimeWindow inside(List<TimeWindow> windows, Instant now) {
    for (TimeWindow w : windows) {
      if (w.contains(now)) {
        return w;
      }
    }
    return null;
  }

  private static List<Object> strings(List<TimeWindow> windows) {
    List<Object> out = new ArrayList<>();
    for (TimeWindow w : windows) {
      out.add(w.toString());
    }
    return out;
  }

  /** Builds {@link TimeRules}. Not thread-safe. */
  public static final class Builder {
    private final List<TimeWindow> changeWindows = new ArrayList<>();
    private final List<TimeWindow> freezes = new ArrayList<>();
    private final List<TimeWindow> rollbackWindows = new ArrayList<>();
    private Instant notBefore;

    private Builder() {}

    /**
     * Adds a change window; once any is added, work may proceed only inside one.
     *
     * @param window the window
     * @return this builder
     */
    public Builder changeWindow(TimeWindow window) {
      changeWindows.add(Objects.requireNonNull(window, "window"));
      return this;
    }

    /**
     * Adds a change window {@code [start, end)}.
     *
     * @param start the first instant inside
     * @param end the first instant after
     * @return this builder
     */
    public Builder changeWindow(Instant start, Instant end) {
      return changeWindow(new TimeWindow(start, end));
    }

    /**
     * Adds a freeze: no work may proceed inside it.
     *
     * @param window the freeze
     * @return this builder
     */
    public Builder freeze(TimeWindow window) {
      freezes.add(Objects.requireNonNull(window, "window"));
      return this;
    }

    /**
     * Adds a freeze {@code [start, end)}.
     *
     * @param start the first frozen instant
     * @param end the first instant after the freeze
     * @return this builder
     */
    public Builder freeze(Instant start, Instant end) {
      return freeze(new TimeWindow(start, end));
    }

    /**
     * Adds a rollback window; once any is added, a rollback may start only inside one.
     *
     * @param window the window
     * @return this builder
     */
    public Builder rollbackWindow(TimeWindow window) {
      rollbackWindows.add(Objects.requireNonNull(window, "window"));
      return this;
    }

    /**
     * Adds a rollback window {@code [start, end)}.
     *
     * @param start the first instant inside
     * @param end the first instant after
     * @return this builder
     */
    public Builder rollbackWindow(Instant start, Instant end) {
      return rollbackWindow(new TimeWindow(start, end));
    }

    /**
     * Sets a time lock: nothing may proceed before this instant (it may at exactly this instant).
     *
     * @param instant the earliest instant
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder notBefore(Instant instant) {
      Objects.requireNonNull(instant, "instant");
      if (notBefore != null) {
        throw new IllegalStateException("notBefore is already set");
      }
      notBefore = instant;
      return this;
    }

    /**
     * Builds the rules.
     *
     * @return the rules
     */
    public TimeRules build() {
      return new TimeRules(this);
    }
  }
}
