package dev.cutover.plan;

import java.util.Locale;

/** What a task is: work that the engine runs, a go/no-go decision, or a zero-length marker. */
public enum TaskKind {
  /** Work that the engine runs through an action; its duration must be positive. */
  STEP,
  /** A go/no-go decision; its duration (the time it may take to decide) must be positive. */
  GATE,
  /** A zero-length marker, such as "traffic switched"; its duration must be zero. */
  MILESTONE;

  /**
   * The name of this kind in plan files: {@code step}, {@code gate} or {@code milestone}.
   *
   * @return the lower-case name
   */
  public String fileName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
