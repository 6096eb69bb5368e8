package dev.cutover.rollback;

import dev.cutover.audit.AuditLog;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Random;

/**
 * Builds a {@link SnapshotStore}; obtained from {@link SnapshotStore#inMemory()} or {@link
 * SnapshotStore#onFileSystem(Path)}. Not thread-safe; {@link #build()} returns a thread-safe
 * store.
 *
 * <p>Required: an {@link #authorizer} and the rollback window, either as a {@link #retention}
 * after each snapshot or as a fixed {@link #windowClosesAt} instant.
 */
public final class SnapshotStoreBuilder {
  static final int DEFAULT_CHUNK_SIZE = 4 << 20;

  final Path directory;
  Clock clock;
  Random random;
  RestoreAuthorizer authorizer;
  SnapshotListener listener;
  /** The file name of a file-system store's own audit log, in its directory. */
  static final String AUDIT_LOG = "audit.log";

  AuditLog auditLog;
  Duration retention;
  Instant windowClosesAt;
  Boolean compression;
  Boolean fsync;
  int chunkSize = -1;

  SnapshotStoreBuilder(Path directory) {
    this.directory = directory;
  }

  /**
   * Sets the clock for snapshot times, the rollback window and reports (default: the UTC system
   * clock).
   *
   * @param clock the clock
   * @return this builder
   */
  public SnapshotStoreBuilder clock(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    once(this.clock, "clock");
    this.clock = clock;
    return this;
  }

  /**
   * Sets the source of snapshot ids (default: a {@link SecureRandom}).
   *
   * @param random the random source
   * @return this builder
   */
  public SnapshotStoreBuilder random(Random random) {
    Objects.requireNonNull(random, "random");
    once(this.random, "random");
    this.random = random;
    return this;
  }

  /**
   * Sets the policy that decides who may restore. Required.
   *
   * @param authorizer the policy, e.g. a {@link PrincipalAllowlist}
   * @return this builder
   */
  public SnapshotStoreBuilder authorizer(RestoreAuthorizer authorizer) {
    Objects.requireNonNull(authorizer, "authorizer");
    once(this.authorizer, "authorizer");
    this.authorizer = authorizer;
    return this;
  }

  /**
   * Sets who hears about snapshots, restores, refusals and releases (default: nobody).
   *
   * @param listener the listener
   * @return this builder
   */
  public SnapshotStoreBuilder listener(SnapshotListener listener) {
    Objects.requireNonNull(listener, "listener");
    once(this.listener, "listener");
    this.listener = listener;
    return this;
  }

  /**
   * Records every snapshot, restore (before it changes the scope, and once it is verified),
   * refusal, failed verification, release and discarded leftover in an audit log, with who did
   * it and why: the principal and reason of the {@link Authorization}, and the authorizer's
   * grant or the refusal's explanation. An entry that cannot be appended fails the operation; a
   * restore whose start cannot be logged does not begin. The host keeps the log open and closes
   * it.
   *
   * <p>Default: a log of the store's own, so nothing goes unrecorded: {@code audit.log} (format
   * v1, durable) in the directory of a file-system store, opened and closed with the store and
   * repaired on open like any log file; an in-memory log for the in-memory store. Either way
   * {@link SnapshotStore#auditLog()} returns it. A store used by the engine through {@link
   * dev.cutover.rollback.engine.ScopedSnapshotProvider} also has its restores logged in the
   * engine's log.
   *
   * <p>Give the store a log of its own, not the engine's: the engine's log holds only the
   * engine's events.
   *
   * @param log the audit log, open for append
   * @return this builder
   */
  public SnapshotStoreBuilder auditLog(AuditLog log) {
    Objects.requireNonNull(log, "log");
    once(this.auditLog, "auditLog");
    this.auditLog = log;
    return this;
  }

  /**
   * Keeps each snapshot for this long after it was taken; then its rollback window is closed.
   * Conflicts with {@link #windowClosesAt}.
   *
   * @param retention a positive duration
   * @return this builder
   */
  public SnapshotStoreBuilder retention(Duration retention) {
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention must be positive, got " + retention);
    }
    once(this.retention, "retention");
    if (windowClosesAt != null) {
      throw new IllegalStateException(
          "retention conflicts with windowClosesAt " + windowClosesAt + ": set one of them");
    }
    this.retention = retention;
    return this;
  }

  /**
   * Closes the rollback window of every snapshot at this instant. Conflicts with {@link
   * #retention}.
   *
   * @param closesAt when the window closes
   * @return this builder
   */
  public SnapshotStoreBuilder windowClosesAt(Instant closesAt) {
    Objects.requireNonNull(closesAt, "closesAt");
    once(this.windowClosesAt, "windowClosesAt");
    if (retention != null) {
      throw new IllegalStateException(
          "windowClosesAt conflicts with retention " + retention + ": set one of them");
    }
    this.windowClosesAt = closesAt;
    return this;
  }

  /**
   * Compresses chunks on disk with DEFLATE (file-system store only; default off). Chunk hashes are
   * over the uncompressed bytes either way.
   *
   * @param compression whether to compress
   * @return this builder
   */
  public SnapshotStoreBuilder compression(boolean compression) {
    fileSystemOnly("compression");
    once(this.compression, "compression");
    this.compression = compression;
    return this;
  }

  /**
   * Forces every chunk and manifest to disk before a snapshot is committed (file-system store
   * only; default on). Turning it off trades crash safety against power loss for speed.
   *
   * @param fsync whether to fsync
   * @return this builder
   */
  public SnapshotStoreBuilder fsync(boolean fsync) {
    fileSystemOnly("fsync");
    once(this.fsync, "fsync");
    this.fsync = fsync;
    return this;
  }

  /**
   * Sets the size of the chunks an archive is cut into (default 4 MiB).
   *
   * @param bytes between 4 KiB and 64 MiB
   * @return this builder
   */
  public SnapshotStoreBuilder chunkSize(int bytes) {
    if (bytes < 4096 || bytes > (64 << 20)) {
      throw new IllegalArgumentException(
          "chunkSize must be between 4096 and " + (64 << 20) + " bytes, got " + bytes);
    }
    if (chunkSize != -1) {
      throw new IllegalStateException("chunkSize is already set to " + chunkSize);
    }
    this.chunkSize = bytes;
    return this;
  }

  /**
   * Builds and opens the store. For the file-system store this takes the directory's lock and
   * removes the leftovers of snapshots that were never committed, reporting each removal.
   *
   * @return the store
   * @throws IllegalStateException if the authorizer or the rollback window is missing
   * @throws SnapshotException if the directory cannot be opened or is in use by another process
   */
  public SnapshotStore build() {
    if (authorizer == null) {
      throw new IllegalStateException("an authorizer is required: who may restore?");
    }
    if (retention == null && windowClosesAt == null) {
      throw new IllegalStateException(
          "a rollback window is required: set retention(Duration) or windowClosesAt(Instant)");
    }
    Clock c = clock != null ? clock : Clock.systemUTC();
    SnapshotListener l = listener != null ? listener : SnapshotListener.NONE;
    Random r = random != null ? random : new SecureRandom();
    int size = chunkSize != -1 ? chunkSize : DEFAULT_CHUNK_SIZE;
    Backend backend =
        directory == null
            ? new MemoryBackend()
            : FileSystemBackend.open(
                directory, Boolean.TRUE.equals(compression), !Boolean.FALSE.equals(fsync));
    if (auditLog != null) {
      return new DefaultSnapshotStore(this, backend, c, l, r, size, auditLog, false);
    }
    // The store's own log, opened only once the backend holds the directory's lock.
    AuditLog own;
    try {
      own = directory == null ? AuditLog.inMemory(c) : AuditLog.open(directory.resolve(AUDIT_LOG), c);
    } catch (RuntimeException e) {
      try {
        backend.close();
      } catch (java.io.IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new SnapshotException("cannot open the audit log of snapshot store " + backend + ": "
          + e.getMessage(), e);
    }
    return new DefaultSnapshotStore(this, backend, c, l, r, size, own, true);
  }

  private void fileSystemOnly(String what) {
    if (directory == null) {
      throw new IllegalStateException(what + " applies to the file-system store only");
    }
  }

  private static void once(Object current, String what) {
    if (current != null) {
      throw new IllegalStateException(what + " is already set to " + current);
    }
  }
}
