package dev.cutover.engine.spi;

import java.util.Optional;

/**
 * A condition that starts a rollback: a failing health check, an SLA breach, detected corruption.
 * The engine polls every registered trigger before every scheduling step (after each event and at
 * its poll interval while tasks run or a gate holds); a host can also
 * push a firing through the engine ({@code Engine.fire}). Implementations must be thread-safe and
 * should answer quickly.
 */
public interface RollbackTrigger {
  /**
   * Returns the trigger's name, as the log records it.
   *
   * @return a short, stable name such as {@code health-check}
   */
  String name();

  /**
   * Tells whether the trigger fires now.
   *
   * @return the reason, if it fires
   * @throws Exception if the condition cannot be read; the engine records it and does not roll
   *     back on that account alone
   */
  Optional<String> poll() throws Exception;
}
