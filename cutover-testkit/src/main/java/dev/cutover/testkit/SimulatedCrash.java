package dev.cutover.testkit;

/**
 * A simulated process death, thrown at a chosen durable point of the engine during crash
 * exploration. An {@link Error}, so host code that catches {@code Exception} does not swallow it
 * and the engine stops at once, as it would if the process died. Never thrown outside {@link
 * CrashScenario}.
 */
public final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  private final int point;

  SimulatedCrash(int point, String where) {
    super("simulated crash at durable point " + point + ", " + where, null, false, false);
    this.point = point;
  }

  /**
   * The durable point the crash happened at, counted from 0 in the session.
   *
   * @return the point
   */
  public int point() {
    return point;
  }
}
