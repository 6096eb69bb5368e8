package dev.cutover.rollback;

import dev.cutover.rollback.spi.SnapshotScope;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Takes verified snapshots of {@linkplain SnapshotScope scopes} and restores them.
 *
 * <p>A snapshot is immutable once taken. {@link #restore} refuses, reports and changes nothing
 * when the caller is not authorised, the rollback window has closed, the snapshot is unknown or no
 * longer matches its digests, or the scope is not the captured one; otherwise it restores the
 * scope and proves the result by recomputing the scope's content digest. Snapshots are kept until
 * their rollback window closes; {@link #releaseExpired()} then releases them. Every snapshot,
 * restore, refusal and release is reported to the store's {@link SnapshotListener}.
 *
 * <p>Two stores are built in: {@link #inMemory()} (tests, single process, lost on exit) and {@link
 * #onFileSystem(Path)} (content-addressed chunks, optional compression, fsync, crash-safe).
 * Implementations are thread-safe.
 */
public interface SnapshotStore extends AutoCloseable {
  /**
   * Starts building a store that keeps snapshots in memory.
   *
   * @return a builder
   */
  static SnapshotStoreBuilder inMemory() {
    return new SnapshotStoreBuilder(null);
  }

  /**
   * Starts building a store that keeps snapshots in a directory, as content-addressed chunks and
   * one manifest per snapshot. The directory is created if missing; one process at a time may
   * open it. Opening it removes what a process that died while writing a snapshot left behind.
   *
   * @param directory the store's directory
   * @return a builder
   */
  static SnapshotStoreBuilder onFileSystem(Path directory) {
    return new SnapshotStoreBuilder(java.util.Objects.requireNonNull(directory, "directory"));
  }

  /**
   * Captures the scope's current content as a new, immutable snapshot.
   *
   * @param scope what to capture
   * @param context who takes it, for which cutover and task
   * @return the reference to the committed snapshot, carrying the scope's content digest
   * @throws SnapshotException if the scope cannot be read or the snapshot cannot be stored (then no
   *     snapshot exists), or the rollback window has already closed
   */
  SnapshotRef snapshot(SnapshotScope scope, SnapshotContext context);

  /**
   * The audit log this store records every snapshot, restore, refusal, release and discarded
   * leftover in, with who and why: the one given to {@link SnapshotStoreBuilder#auditLog}, or the
   * store's own ({@code audit.log} in a file-system store's directory, in memory otherwise).
   *
   * @return the log, open while the store is
   */
  dev.cutover.audit.AuditLog auditLog();

  /**
   * Restores a snapshot into its scope and verifies the result by recomputing the content digest.
   *
   * @param snapshot the reference returned by {@link #snapshot}
   * @param scope the live scope to restore into; its name must equal the captured scope's name
   * @param authorization who asks, with which approvals
   * @return the report of the verified restore
   * @throws RestoreRefusedException (one of its subclasses) if the restore is refused; nothing
   *     changed and the refusal was reported
   * @throws RestoreVerificationException if the restored scope's digest differs from the
   *     snapshot's; restoring again normally completes it
   * @throws SnapshotException if the scope cannot be written
   */
  RestoreReport restore(SnapshotRef snapshot, SnapshotScope scope, Authorization authorization);

  /**
   * Checks, without changing anything, that a snapshot is held and still matches its digests.
   *
   * @param snapshot the reference to check
   * @return empty if the snapshot is held and intact, otherwise what is wrong
   */
  Optional<String> damage(SnapshotRef snapshot);

  /**
   * Finds a held snapshot by id.
   *
   * @param id the snapshot's id
   * @return its reference, or empty if the store holds none with that id
   */
  Optional<SnapshotRef> find(String id);

  /**
   * The snapshots the store holds, oldest first.
   *
   * @return an immutable list
   */
  List<SnapshotRef> list();

  /**
   * Releases every snapshot whose rollback window has closed, reporting each release.
   *
   * @return the released snapshots
   */
  List<SnapshotRef> releaseExpired();

  /** Releases the store's resources (for the file-system store, its directory lock). */
  @Override
  void close();
}
