package dev.cutover.rollback.trigger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Fires for every task that runs longer than its estimate plus buffer. The host (or the engine)
 * reports tasks as they start and finish and calls {@link #poll()} periodically; each overrunning
 * task fires once. Thread-safe.
 */
public final class OverrunWatchdog {
  private final String name;
  private final Clock clock;
  private final TriggerListener listener;
  private final Map<String, Running> running = new LinkedHashMap<>();

  private record Running(Instant started, Instant deadline, Duration allowed) {}

  private OverrunWatchdog(String name, Clock clock, TriggerListener listener) {
    this.name = name;
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Creates a watchdog.
   *
   * @param name the watchdog's name, used in events
   * @param clock the clock that times tasks
   * @param listener who hears when a task overruns
   * @return the watchdog
   */
  public static OverrunWatchdog create(String name, Clock clock, TriggerListener listener) {
    Names.name(name, "name");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(listener, "listener");
    return new OverrunWatchdog(name, clock, listener);
  }

  /**
   * A task started now.
   *
   * @param taskId the task
   * @param estimate its estimated duration, positive
   * @param buffer its buffer, not negative
   * @throws IllegalStateException if the task is already being watched
   */
  public synchronized void started(String taskId, Duration estimate, Duration buffer) {
    Names.name(taskId, "taskId");
    Names.positive(estimate, "estimate");
    Names.notNegative(buffer, "buffer");
    if (running.containsKey(taskId)) {
      throw new IllegalStateException("task '" + taskId + "' is already being watched");
    }
    Instant now = clock.instant();
    Duration allowed = estimate.plus(buffer);
    running.put(taskId, new Running(now, now.plus(allowed), allowed));
  }

  /**
   * A task finished (or was abandoned); it is no longer watched. Unknown ids are ignored, so that
   * a task that already overran can be reported finished.
   *
   * @param taskId the task
   */
  public synchronized void finished(String taskId) {
    Objects.requireNonNull(taskId, "taskId");
    running.remove(taskId);
  }

  /**
   * Checks every watched task against the clock; each one past its deadline fires and is no
   * longer watched.
   *
   * @return the events fired by this poll, possibly none
   */
  public synchronized List<TriggerEvent> poll() {
    Instant now = clock.instant();
    List<TriggerEvent> fired = new ArrayList<>();
    for (var it = running.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Running> e = it.next();
      Running r = e.getValue();
      if (now.isAfter(r.deadline())) {
        it.remove();
        fired.add(new TriggerEvent(name, TriggerEvent.Kind.OVERRUN, e.getKey(), now,
            "task '" + e.getKey() + "' has run " + Duration.between(r.started(), now)
                + ", past its estimate plus buffer of " + r.allowed() + " (started "
                + r.started() + ")"));
      }
    }
    for (TriggerEvent e : fired) {
      listener.onTriggered(e);
    }
    return List.copyOf(fired);
  }
}
