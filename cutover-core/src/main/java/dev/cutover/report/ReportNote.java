package dev.cutover.report;

import java.time.Instant;
import java.util.Objects;

/**
 * A decision or a note an operator recorded, with who made it. Immutable and thread-safe.
 *
 * @param at when it was logged
 * @param actor who made it
 * @param kind what it is, e.g. {@code decision} or {@code note}
 * @param text what was decided or noted
 */
public record ReportNote(Instant at, String actor, String kind, String text) {

  /**
   * Checks the note.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if a text is blank
   */
  public ReportNote {
    Objects.requireNonNull(at, "at");
    Checks.text(actor, "actor");
    Checks.text(kind, "kind");
    Checks.text(text, "text");
  }
}
