package dev.cutover.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * Verifies a log file (format v1) from outside the application, streaming it once: every line
 * must be the canonical form of a v1 entry, seq must be consecutive from 0, every {@code prev}
 * must be the hash of the entry before, and every {@code hash} must recompute; given a checkpoint,
 * the root of its first {@code size} entries must be its root. The first failure is reported with
 * its seq, its byte offset and the reason, and a torn last line (an interrupted write) is reported
 * as {@link LogVerification.Reason#TORN_TAIL}, apart from tampering.
 *
 * <p>Each line is checked in one pass over its bytes (canonical form, fields, hash) without
 * building objects or serialising it again; a line that fails is judged again by the reference
 * decoder, which names the reason. Files of more than a few MiB are checked in blocks on up to one
 * worker thread per processor (at most four), started for the call and stopped before it returns.
 * Memory use is bounded by a few 1 MiB blocks in flight (more for a longer line).
 *
 * <p>Thread-safe (stateless).
 */
public final class AuditLogVerifier {
  private AuditLogVerifier() {}

  /**
   * Verifies a log file.
   *
   * @param file the JSON Lines file
   * @return the result, with the first failure if any
   * @throws LogStorageException if the file cannot be read
   */
  public static LogVerification verify(Path file) {
    return verify(file, null);
  }

  /**
   * Verifies a log file against a checkpoint whose signature the caller has verified (see {@link
   * Checkpoint#verify(String, java.util.Collection)}).
   *
   * @param file the JSON Lines file
   * @param checkpoint the checkpoint, or {@code null} for none
   * @return the result, with the first failure if any
   * @throws LogStorageException if the file cannot be read
   */
  public static LogVerification verify(Path file, Checkpoint checkpoint) {
    return verify(file, checkpoint, null);
  }

  /**
   * Verifies a log file against a checkpoint whose signature the caller has verified, and checks
   * that the checkpoint is one of the log the caller expects: its origin line must be {@code
   * expectedOrigin}. A signature proves who signed a checkpoint, not which log it is for; a valid
   * checkpoint of another log would otherwise only show up as a root mismatch, or not at all if
   * both logs hold the same entries. An origin that differs is reported as {@link
   * LogVerification.Reason#CHECKPOINT_ORIGIN_MISMATCH} before any entry is read.
   *
   * @param file the JSON Lines file
   * @param checkpoint the checkpoint, or {@code null} for none
   * @param expectedOrigin the origin line the checkpoint must carry, or {@code null} not to check
   *     it
   * @return the result, with the first failure if any
   * @throws IllegalArgumentException if an expected origin is given without a checkpoint
   * @throws LogStorageException if the file cannot be read
   */
  public static LogVerification verify(Path file, Checkpoint checkpoint, String expectedOrigin) {
    Objects.requireNonNull(file, "file");
    if (expectedOrigin != null && checkpoint == null) {
      throw new IllegalArgumentException("an expected origin ('" + expectedOrigin + "') is checked against a checkpoint, but none was given");
    }
    if (expectedOrigin != null && !expectedOrigin.equals(checkpoint.origin())) {
      return new LogVerification(file.toString(), 0, Hash.EMPTY_TREE, new LogVerification.Failure(0, -1,
          LogVerification.Reason.CHECKPOINT_ORIGIN_MISMATCH,
          "checkpoint is for log '" + checkpoint.origin() + "', expected '" + expectedOrigin + "'"));
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new Run(file, checkpoint).run(in, Files.size(file));
    } catch (NoSuchFileException e) {
      throw new LogStorageException(file.toString(), "log file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new LogStorageException(file.toString(), "cannot read log file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * One verification. Each line is checked on its own (canonical form and hash) in blocks on
   * worker threads ({@link LineBlocks}); this thread reads the file and checks, in order, what
   * links the lines: seq, prev, the root and the checkpoint.
   */
  private static final class Run implements LineBlocks.Sink {
    private final Path file;
    private final Checkpoint checkpoint;
    private final RootAccumulator acc = new RootAccumulator();
    private byte[] last = Hash.ZERO.raw();
    private long seq;
    private LogVerification.Failure failure;

    Run(Path file, Checkpoint checkpoint) {
      this.file = file;
      this.checkpoint = checkpoint;
    }

    LogVerification run(InputStream in, long fileSize) throws IOException {
      if (checkpoint != null && checkpoint.size() == 0) {
        checkCheckpoint(0);
      }
      int filled = 0;
      long bufStart = 0;
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
              // one line longer than the buffer
              buf = Arrays.copyOf(buf, buf.length * 2);
            }
            continue;
          }
          int carry = filled - complete;
          byte[] next = blocks.buffer(Math.max(LineBlocks.BLOCK, 2 * carry));
          System.arraycopy(buf, complete, next, 0, carry);
          blocks.submit(buf, complete, bufStart, this);
          bufStart += complete;
          buf = next;
          filled = carry;
        }
        blocks.finish(this);
      }
      if (failure == null && filled > 0) {
        byte[] tail = Arrays.copyOf(buf, filled);
        LogVerification.Reason kind = TornTail.classify(tail);
        failure = new LogVerification.Failure(seq, bufStart, kind, TornTail.describe(tail, kind, true));
      }
      if (failure == null && checkpoint != null && checkpoint.size() > seq) {
        failure = new LogVerification.Failure(seq, -1, LogVerification.Reason.CHECKPOINT_BEYOND_END,
            "checkpoint covers " + checkpoint.size() + " entries but the log has only " + seq);
      }
      return new LogVerification(file.toString(), seq, acc.root(), failure);
    }

    @Override
    public boolean accept(LineBlocks.Block b) {
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
        acc.add(last);
        seq++;
        if (checkpoint != null && checkpoint.size() == seq) {
          checkCheckpoint(offset);
          if (failure != null) {
            return false;
          }
        }
      }
      if (b.failure != null) {
        failure = new LogVerification.Failure(seq, b.offset(b.count), b.failure, b.message);
        return false;
      }
      return true;
    }

    private void checkCheckpoint(long offset) {
      Hash root = acc.root();
      if (!root.equals(checkpoint.root())) {
        failure = new LogVerification.Failure(Math.max(0, seq - 1), offset, LogVerification.Reason.CHECKPOINT_MISMATCH,
            "root of the first " + checkpoint.size() + " entries is " + root.hex() + " but checkpoint '" + checkpoint.origin()
                + "' says " + checkpoint.root().hex());
      }
    }
  }
}
