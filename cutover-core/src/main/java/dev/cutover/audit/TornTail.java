package dev.cutover.audit;

import dev.cutover.json.CanonicalJson;
import dev.cutover.json.InvalidJsonException;

/**
 * Tells the bytes after the last newline of a log file apart: an interrupted write (a torn tail,
 * which opening for append may cut) or damage (tampering, which is refused).
 *
 * <p>A tail is torn if it is the beginning of a JSON document (parsing fails only at its very end),
 * optionally followed by zero bytes up to the end of the file, or if it is zero bytes only: after a
 * crash a file system may have extended the file for a write whose data never reached the disk,
 * and those bytes read as zeros. Zeros followed by anything else are not a torn write: a crash
 * leaves zeros only at the end.
 */
final class TornTail {
  private TornTail() {}

  /** Returns {@link LogVerification.Reason#TORN_TAIL} or {@link LogVerification.Reason#MALFORMED}. */
  static LogVerification.Reason classify(byte[] tail) {
    int end = dataLength(tail);
    if (end == 0) {
      return LogVerification.Reason.TORN_TAIL;
    }
    if (tail[0] != '{') {
      return LogVerification.Reason.MALFORMED;
    }
    try {
      CanonicalJson.parse(tail, 0, end);
      return LogVerification.Reason.TORN_TAIL;
    } catch (InvalidJsonException e) {
      return e.offset() >= end ? LogVerification.Reason.TORN_TAIL : LogVerification.Reason.MALFORMED;
    }
  }

  /** The length of the tail without the zero bytes at its end. */
  private static int dataLength(byte[] tail) {
    int end = tail.length;
    while (end > 0 && tail[end - 1] == 0) {
      end--;
    }
    return end;
  }

  /**
   * Describes a tail that {@link #classify} judged.
   *
   * @param tail the bytes after the last newline, at least one
   * @param reason what {@link #classify} returned
   * @param cutByOpen whether to add that opening the log for append cuts a torn tail
   */
  static String describe(byte[] tail, LogVerification.Reason reason, boolean cutByOpen) {
    int n = tail.length;
    if (reason != LogVerification.Reason.TORN_TAIL) {
      return "last line has no newline and is not the beginning of an entry (" + n + " bytes)";
    }
    int zeros = n - dataLength(tail);
    String what;
    if (zeros == n) {
      what = "the last " + n + " bytes are zeros without a newline: space the file system allocated for a write that a crash interrupted";
    } else if (zeros > 0) {
      what = "last line is incomplete (" + n + " bytes without a newline, the last " + zeros + " of them zeros): a write was interrupted";
    } else {
      what = "last line is incomplete (" + n + " bytes without a newline): a write was interrupted";
    }
    return cutByOpen ? what + "; opening the log for append cuts it" : what;
  }
}
