package dev.cutover.rollback.trigger;

/**
 * Hears when a trigger fires; the engine starts a rollback and logs the event. Called
 * synchronously on the thread that fed or polled the trigger; must be thread-safe and quick.
 */
@FunctionalInterface
public interface TriggerListener {
  /**
   * A trigger fired.
   *
   * @param event which trigger, why and when
   */
  void onTriggered(TriggerEvent event);
}
