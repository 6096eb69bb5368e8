package dev.cutover.engine;

/** Thrown when another instance holds the lease on a cutover, or the lease was lost mid-run. */
public class LeaseUnavailableException extends EngineException {
  private static final long serialVersionUID = 1L;

  private final String leaseName;

  /**
   * Creates the exception.
   *
   * @param leaseName the lease name (the plan id)
   * @param message what happened
   */
  public LeaseUnavailableException(String leaseName, String message) {
    super(message);
    this.leaseName = leaseName;
  }

  /**
   * Returns the lease name.
   *
   * @return the lease name
   */
  public String leaseName() {
    return leaseName;
  }
}
