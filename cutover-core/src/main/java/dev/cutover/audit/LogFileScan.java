package dev.cutover.audit;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a log file once and checks every complete line: each on its own in blocks ({@link
 * LineBlocks}: canonical form, fields, hash), then in order on this thread what links them (seq
 * consecutive from 0, prev the hash of the entry before). Each entry that passes goes to a {@link
 * Listener}; the scan stops at the first failure. What follows the last newline is kept for the
 * caller to judge ({@link TornTail}). Used by {@link AuditLogVerifier} and by the file store when
 * it opens a log. Not thread-safe; one scan per instance.
 */
final class LogFileScan implements LineBlocks.Sink {
  /** Receives every entry that passed, in seq order. */
  interface Listener {
    /**
     * Takes one entry.
     *
     * @param seq its seq
     * @param offset the byte offset of its line
     * @param hash its hash (a fresh array the listener may keep)
     * @return a failure to stop the scan with, or null to go on
     */
    LogVerification.Failure entry(long seq, long offset, byte[] hash);
  }

  private final Listener listener;
  private byte[] last = Hash.ZERO.raw();
  private long seq;
  private long completeLength;
  private byte[] tail = new byte[0];
  private LogVerification.Failure failure;

  LogFileScan(Listener listener) {
    this.listener = listener;
  }

  /**
   * Scans the stream to its end, or to the first failure.
   *
   * @param in the file's bytes from its start
   * @param fileSize the file's size, to choose between checking inline and on worker threads
   * @return this scan, with its results
   * @throws IOException if reading fails
   */
  LogFileScan run(InputStream in, long fileSize) throws IOException {
    int filled = 0;
    byte[] buf;
    try (LineBlocks blocks = LineBlocks.forBytes(fileSize)) {
      buf = blocks.buffer(LineBlocks.BLOCK);
      boolean eof = false;
      while (failure == null && !eof) {
        while (filled < buf.length) {
          int r = in.read(buf, filled, buf.length - filled);
          if (r < 0) {
            eof = true;
            break;
          }
          filled += r;
        }
        int complete = filled;
        while (complete > 0 && buf[complete - 1] != '\n') {
          complete--;
        }
        if (complete == 0) {
          if (!eof) {
            // a line longer than the buffer
            buf = Arrays.copyOf(buf, buf.length * 2);
          }
          continue;
        }
        int carry = filled - complete;
        byte[] next = blocks.buffer(Math.max(LineBlocks.BLOCK, 2 * carry));
        System.arraycopy(buf, complete, next, 0, carry);
        blocks.submit(buf, complete, completeLength, this);
        completeLength += complete;
        buf = next;
        filled = carry;
      }
      blocks.finish(this);
    }
    if (failure == null) {
      tail = Arrays.copyOf(buf, filled);
    }
    return this;
  }

  /** Fails the scan before it reads anything (a precondition such as an empty checkpoint). */
  void failBeforeStart(LogVerification.Failure f) {
    failure = f;
  }

  @Override
  public boolean accept(LineBlocks.Block b) {
    if (failure != null) {
      return false;
    }
    for (int i = 0; i < b.count; i++) {
      long offset = b.offset(i);
      if (b.seqs[i] != seq) {
        failure = new LogVerification.Failure(seq, offset, LogVerification.Reason.SEQ_GAP,
            "line " + (seq + 1) + " has seq " + b.seqs[i] + ", expected " + seq);
        return false;
      }
      int at = i * Hash.LENGTH;
      if (!Arrays.equals(b.prevs, at, at + Hash.LENGTH, last, 0, Hash.LENGTH)) {
        failure = new LogVerification.Failure(seq, offset, LogVerification.Reason.PREV_MISMATCH,
            "prev " + Hash.wrap(Arrays.copyOfRange(b.prevs, at, at + Hash.LENGTH)).hex() + " is not the hash of entry "
                + (seq - 1) + ", " + Hash.wrap(last).hex());
        return false;
      }
      last = Arrays.copyOfRange(b.hashes, at, at + Hash.LENGTH);
      seq++;
      failure = listener.entry(seq - 1, offset, last);
      if (failure != null) {
        return false;
      }
    }
    if (b.failure != null) {
      failure = new LogVerification.Failure(seq, b.offset(b.count), b.failure, b.message);
      return false;
    }
    return true;
  }

  /** The number of entries that passed. */
  long entries() {
    return seq;
  }

  /** The hash of the last entry that passed, {@link Hash#ZERO} if none. */
  Hash lastHash() {
    return Hash.wrap(last);
  }

  /** The first failure, or null. */
  LogVerification.Failure failure() {
    return failure;
  }

  /** Where the bytes after the last newline begin (after a failure: where the scan stopped reading blocks). */
  long completeLength() {
    return completeLength;
  }

  /** The bytes after the last newline (empty after a failure). */
  byte[] tail() {
    return tail;
  }
}
