package dev.cutover.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
    return verify(file, checkpoint, expectedOrigin, ReadProgress.NONE);
  }

  /**
   * Verifies a log file as {@link #verify(Path, Checkpoint, String)}, reporting how far the read
   * has come (for a progress bar over a large log).
   *
   * @param file the JSON Lines file
   * @param checkpoint the checkpoint, or {@code null} for none
   * @param expectedOrigin the origin line the checkpoint must carry, or {@code null} not to check
   *     it
   * @param progress hears the bytes read so far
   * @return the result, with the first failure if any
   * @throws IllegalArgumentException if an expected origin is given without a checkpoint
   * @throws LogStorageException if the file cannot be read
   */
  public static LogVerification verify(
      Path file, Checkpoint checkpoint, String expectedOrigin, ReadProgress progress) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(progress, "progress");
    if (expectedOrigin != null && checkpoint == null) {
      throw new IllegalArgumentException("an expected origin ('" + expectedOrigin + "') is checked against a checkpoint, but none was given");
    }
    if (expectedOrigin != null && !expectedOrigin.equals(checkpoint.origin())) {
      return new LogVerification(file.toString(), 0, Hash.EMPTY_TREE, new LogVerification.Failure(0, -1,
          LogVerification.Reason.CHECKPOINT_ORIGIN_MISMATCH,
          "checkpoint is for log '" + checkpoint.origin() + "', expected '" + expectedOrigin + "'"));
    }
    try (InputStream in = Files.newInputStream(file)) {
      long size = Files.size(file);
      return new Run(file, checkpoint).run(ProgressInputStream.of(in, progress, size), size);
    } catch (NoSuchFileException e) {
      throw new LogStorageException(file.toString(), "log file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new LogStorageException(file.toString(), "cannot read log file " + file + ": " + e.getMessage(), e);
    }
  }

  /** One verification: the scan checks every line and the chain; this adds the root and the checkpoint. */
  private static final class Run implements LogFileScan.Listener {
    private final Path file;
    private final Checkpoint checkpoint;
    private final RootAccumulator acc = new RootAccumulator();

    Run(Path file, Checkpoint checkpoint) {
      this.file = file;
      this.checkpoint = checkpoint;
    }

    LogVerification run(InputStream in, long fileSize) throws IOException {
      LogFileScan scan = new LogFileScan(this);
      if (checkpoint != null && checkpoint.size() == 0) {
        scan.failBeforeStart(checkCheckpoint(0, -1));
      }
      if (scan.failure() == null) {
        scan.run(in, fileSize);
      }
      LogVerification.Failure failure = scan.failure();
      long seq = scan.entries();
      if (failure == null && scan.tail().length > 0) {
        byte[] tail = scan.tail();
        LogVerification.Reason kind = TornTail.classify(tail);
        failure = new LogVerification.Failure(seq, scan.completeLength(), kind, TornTail.describe(tail, kind, true));
      }
      if (failure == null && checkpoint != null && checkpoint.size() > seq) {
        failure = new LogVerification.Failure(seq, -1, LogVerification.Reason.CHECKPOINT_BEYOND_END,
            "checkpoint covers " + checkpoint.size() + " entries but the log has only " + seq);
      }
      return new LogVerification(file.toString(), seq, acc.root(), failure);
    }

    @Override
    public LogVerification.Failure entry(long seq, long offset, byte[] hash) {
      acc.add(hash);
      return checkpoint != null && checkpoint.size() == seq + 1 ? checkCheckpoint(seq + 1, offset) : null;
    }

    private LogVerification.Failure checkCheckpoint(long size, long offset) {
      Hash root = acc.root();
      if (root.equals(checkpoint.root())) {
        return null;
      }
      return new LogVerification.Failure(Math.max(0, size - 1), offset, LogVerification.Reason.CHECKPOINT_MISMATCH,
          "root of the first " + checkpoint.size() + " entries is " + root.hex() + " but checkpoint '" + checkpoint.origin()
              + "' says " + checkpoint.root().hex());
    }
  }
}
