package dev.cutover.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * The result of verifying a log: how many entries verified, the root over them, and the first
 * failure if there was one.
 *
 * @param source what was verified (a file name or a store description)
 * @param verifiedEntries the number of entries, from seq 0, that passed every check
 * @param root the RFC 9162 root over the verified entries
 * @param failure the first failure, or {@code null} if the whole log verified
 */
public record LogVerification(String source, long verifiedEntries, Hash root, Failure failure) {
  /** Why verification failed. */
  public enum Reason {
    /** The line is not JSON, or not an object with exactly the v1 fields of the right types. */
    MALFORMED,
    /** The entry's format version is not 1. */
    UNSUPPORTED_VERSION,
    /** The line is valid JSON but not its RFC 8785 canonical form. */
    NOT_CANONICAL,
    /** The entry's {@code seq} is not its position in the log. */
    SEQ_GAP,
    /** The entry's {@code prev} is not the hash of the entry before it. */
    PREV_MISMATCH,
    /** The entry's {@code hash} does not recompute from its content. */
    HASH_MISMATCH,
    /** The root of the first {@code size} entries is not the checkpoint's root. */
    CHECKPOINT_MISMATCH,
    /** The checkpoint covers more entries than the log has. */
    CHECKPOINT_BEYOND_END,
    /**
     * The checkpoint's origin line is not the one the caller expected: it is a checkpoint of
     * another log. Reported before any entry is read, with seq 0.
     */
    CHECKPOINT_ORIGIN_MISMATCH,
    /**
     * The last line is incomplete (no newline) and looks like an interrupted write, not
     * tampering; opening the log for append cuts it.
     */
    TORN_TAIL;

    /**
     * Returns whether this failure means the log was changed after it was written, as opposed to a
     * torn last write.
     *
     * @return true unless this is {@link #TORN_TAIL}
     */
    public boolean isTampering() {
      return this != TORN_TAIL;
    }
  }

  /**
   * The first entry that failed and why.
   *
   * @param seq the position of the failing entry (the line number minus one)
   * @param offset the byte offset of its line in the file, or -1 if not from a file
   * @param reason which check failed
   * @param message what was expected and what was found
   */
  public record Failure(long seq, long offset, Reason reason, String message) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if the reason or message is null
     */
    public Failure {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /**
   * Checks the components.
   *
   * @throws NullPointerException if the source or root is null
   */
  public LogVerification {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(root, "root");
  }

  /**
   * Returns whether every entry (and the checkpoint, if one was given) verified.
   *
   * @return true if there is no failure
   */
  public boolean ok() {
    return failure == null;
  }

  /**
   * Returns the first failure.
   *
   * @return the failure, empty if the log verified
   */
  public Optional<Failure> firstFailure() {
    return Optional.ofNullable(failure);
  }

  /**
   * Returns a one-line description: {@code ok} with the size and root, or the failure with its
   * seq.
   *
   * @return the summary
   */
  public String summary() {
    if (failure == null) {
      return source + ": ok, " + verifiedEntries + " entries, root " + root.hex();
    }
    if (failure.reason() == Reason.CHECKPOINT_ORIGIN_MISMATCH) {
      return source + ": checkpoint origin mismatch: " + failure.message();
    }
    return source + ": entry seq " + failure.seq() + (failure.offset() >= 0 ? " (line " + (failure.seq() + 1) + ", byte " + failure.offset() + ")" : "")
        + ": " + failure.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + failure.message();
  }
}
