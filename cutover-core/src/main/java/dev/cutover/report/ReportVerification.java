package dev.cutover.report;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * Whether the log the report was made from verified, and what it verified to. Immutable and
 * thread-safe.
 *
 * @param size the number of entries that verified: all of them, or those before the failure
 * @param root the lower-case hex Merkle root of those entries, or an empty string if the log did
 *     not verify far enough to compute one
 * @param ok whether every entry verified
 * @param failedSeq the position of the first entry that failed, empty when the log verified
 * @param failure why that entry failed; empty when the log verified
 */
public record ReportVerification(
    long size, String root, boolean ok, OptionalLong failedSeq, String failure) {

  /**
   * Checks the result.
   *
   * @throws NullPointerException if any argument is null
   * @throws IllegalArgumentException if the size is negative, the root is not lower-case hex of 64
   *     digits (or empty), or a failure is given for a log that verified, or none for one that
   *     did not
   */
  public ReportVerification {
    if (size < 0) {
      throw new IllegalArgumentException("size must not be negative, was " + size);
    }
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(failedSeq, "failedSeq");
    Objects.requireNonNull(failure, "failure");
    if (!root.isEmpty() && !root.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("root must be 64 lower-case hex digits, was '" + root + "'");
    }
    if (ok && (failedSeq.isPresent() || !failure.isEmpty())) {
      throw new IllegalArgumentException("a log that verified has no failure, got: " + failure);
    }
    if (!ok && failure.isBlank()) {
      throw new IllegalArgumentException("a log that did not verify needs the reason");
    }
  }

  /**
   * A log that verified.
   *
   * @param size its number of entries
   * @param root its hex Merkle root
   * @return the result
   */
  public static ReportVerification verified(long size, String root) {
    return new ReportVerification(size, root, true, OptionalLong.empty(), "");
  }

  /**
   * A log that did not verify.
   *
   * @param size the number of entries that verified: all of them, or those before the failure
   * @param root the root of the entries before the failure, or empty
   * @param failedSeq the first entry that failed
   * @param failure why it failed
   * @return the result
   */
  public static ReportVerification failed(long size, String root, long failedSeq, String failure) {
    return new ReportVerification(size, root, false, OptionalLong.of(failedSeq), failure);
  }
}
