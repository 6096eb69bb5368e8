package dev.cutover.engine;

/**
 * Thrown on resume when a task that was started but not finished cannot tell whether its effect
 * is present ({@code isApplied} failed). The engine stops rather than guess; nothing is applied.
 */
public class TaskResolutionException extends EngineException {
  private static final long serialVersionUID = 1L;

  private final String taskId;

  /**
   * Creates the exception.
   *
   * @param taskId the task
   * @param cause why isApplied failed
   */
  public TaskResolutionException(String taskId, Throwable cause) {
    super(
        "task '" + taskId + "' was started but not finished, and isApplied failed: "
            + cause.getMessage() + "; refusing to guess whether its effect is present",
        cause);
    this.taskId = taskId;
  }

  /**
   * Returns the task id.
   *
   * @return the task id
   */
  public String taskId() {
    return taskId;
  }
}
