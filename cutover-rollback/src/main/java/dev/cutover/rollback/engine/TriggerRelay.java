package dev.cutover.rollback.engine;

import dev.cutover.engine.spi.RollbackTrigger;
import dev.cutover.rollback.trigger.TriggerEvent;
import dev.cutover.rollback.trigger.TriggerListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Connects the rollback triggers of {@link dev.cutover.rollback.trigger} (health checks, SLA
 * breaches, detected corruption, the overrun watchdog) to the engine: give the relay to each
 * trigger as its listener, and register the relay with the engine as a {@link RollbackTrigger}.
 * The engine polls it while the run goes on; the first trigger that fired starts the rollback, with
 * the trigger's reason in the log.
 *
 * <pre>{@code
 * TriggerRelay relay = TriggerRelay.named("production-health");
 * HealthCheckTrigger health = HealthCheckTrigger.builder("checkout-health")
 *     .check(checkout::healthy).failuresInARow(3).clock(clock).listener(relay).build();
 * relay.watch(health::poll);                       // asked on every engine poll
 * SlaBreachTrigger latency = SlaBreachTrigger.builder("p99-latency-ms")
 *     .above(250).sustainedFor(Duration.ofMinutes(2)).clock(clock).listener(relay).build();
 * Engine engine = Engine.builder().plan(plan).log(log).trigger(relay)...build();
 * }</pre>
 *
 * <p>Thread-safe: triggers may fire from any thread.
 */
public final class TriggerRelay implements RollbackTrigger, TriggerListener {
  private final String name;
  private final Deque<TriggerEvent> fired = new ArrayDeque<>();
  private final List<Runnable> checks = new CopyOnWriteArrayList<>();

  private TriggerRelay(String name) {
    this.name = name;
  }

  /**
   * Creates a relay.
   *
   * @param name the name the engine logs for this trigger source
   * @return the relay
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is blank
   */
  public static TriggerRelay named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("trigger relay name must not be blank");
    }
    return new TriggerRelay(name);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * Adds a trigger that has to be asked, such as {@link
   * dev.cutover.rollback.trigger.HealthCheckTrigger#poll()}: the relay asks it each time the engine
   * polls the relay. The trigger reports what it finds to its listener, which must be this relay.
   *
   * @param check asks the trigger, e.g. {@code health::poll}
   * @return this relay
   * @throws NullPointerException if {@code check} is null
   */
  public TriggerRelay watch(Runnable check) {
    checks.add(Objects.requireNonNull(check, "check"));
    return this;
  }

  /** Records a fired trigger until the engine polls it. */
  @Override
  public synchronized void onTriggered(TriggerEvent event) {
    fired.add(Objects.requireNonNull(event, "event"));
  }

  /**
   * Returns the reason of the oldest trigger that fired and was not polled yet, naming the
   * trigger, its kind and its subject.
   */
  @Override
  public Optional<String> poll() {
    for (Runnable check : checks) {
      check.run();
    }
    TriggerEvent e;
    synchronized (this) {
      e = fired.poll();
    }
    if (e == null) {
      return Optional.empty();
    }
    return Optional.of(
        e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " trigger '"
            + e.trigger() + "' fired on " + e.subject() + " at " + e.at() + ": " + e.reason());
  }
}
