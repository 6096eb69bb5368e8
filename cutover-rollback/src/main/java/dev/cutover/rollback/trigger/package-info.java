/**
 * Rollback triggers: plain components that watch a condition and report, once, when a rollback
 * should start. {@link dev.cutover.rollback.trigger.HealthCheckTrigger} (consecutive failed health
 * checks), {@link dev.cutover.rollback.trigger.SlaBreachTrigger} (a metric beyond its threshold
 * for a sustained duration), {@link dev.cutover.rollback.trigger.CorruptionTrigger} (a validation
 * checkpoint whose digest does not match) and {@link
 * dev.cutover.rollback.trigger.OverrunWatchdog} (a task running past its estimate plus buffer).
 * Each takes an injected {@link java.time.Clock} and a {@link
 * dev.cutover.rollback.trigger.TriggerListener}; none starts threads: the host (or the engine)
 * feeds them and polls them.
 */
package dev.cutover.rollback.trigger;
