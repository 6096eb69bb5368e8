package dev.cutover.engine;

/**
 * Receives a run's progress. Every method has an empty default, so a listener overrides only what
 * it needs and new methods never break it.
 *
 * <p>Methods are called synchronously on the thread that caused the event, some while the engine
 * holds its lock: they must be quick and must not call back into the engine. A {@link
 * RuntimeException} thrown by a listener is logged and otherwise ignored; an {@link Error}
 * propagates and stops the engine at once, as a crash would (tests use this to crash the engine
 * at a chosen durable point). Implementations must be thread-safe when tasks run in parallel.
 */
public interface EngineListener {
  /**
   * Called after an event is durable in the log.
   *
   * @param seq the entry's position
   * @param event the event
   * @param state the new engine state
   * @param stateDigest the digest recorded with the entry
   */
  default void onAppended(long seq, EngineEvent event, EngineState state, String stateDigest) {}

  /**
   * Called just before an action's {@code apply} (after {@code task.started} is durable).
   *
   * @param taskId the task
   * @param attempt the attempt number
   */
  default void beforeAction(String taskId, int attempt) {}

  /**
   * Called just after an action's {@code apply} returned, before its outcome is logged.
   *
   * @param taskId the task
   * @param attempt the attempt number
   */
  default void afterAction(String taskId, int attempt) {}

  /**
   * Called when a task or gate finished, with how far the run has come.
   *
   * @param completed tasks completed so far
   * @param total tasks in the plan
   */
  default void onProgress(long completed, int total) {}

  /**
   * Called when a gate holds.
   *
   * @param gateId the gate
   * @param reason why it holds
   */
  default void onHold(String gateId, String reason) {}

  /**
   * Called when an incident was escalated for missing its response SLA.
   *
   * @param incident the incident, as escalated
   */
  default void onIncidentEscalated(Incident incident) {}

  /**
   * Called when the run reached a terminal status in this session.
   *
   * @param result the result
   */
  default void onFinished(RunResult result) {}
}
