package dev.cutover.audit;

import java.util.Objects;

/**
 * What opening a log for append repaired: a torn last line (a write interrupted by a crash) that
 * was cut off.
 *
 * @param resource the log file
 * @param keptEntries the number of complete entries kept
 * @param cutAtOffset the file length after the repair: where the torn tail began
 * @param cutBytes how many bytes were cut
 */
public record RepairReport(String resource, long keptEntries, long cutAtOffset, long cutBytes) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if the resource is null
   */
  public RepairReport {
    Objects.requireNonNull(resource, "resource");
  }

  /**
   * Returns a one-line description of the repair.
   *
   * @return e.g. {@code audit.log: cut a torn last line of 37 bytes at byte 4096 (after seq 11)}
   */
  public String summary() {
    return resource + ": cut a torn last line of " + cutBytes + " bytes at byte " + cutAtOffset + " (kept " + keptEntries + " entries)";
  }
}
