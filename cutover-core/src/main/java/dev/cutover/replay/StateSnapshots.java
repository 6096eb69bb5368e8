package dev.cutover.replay;

import java.util.Optional;

/**
 * Where a {@link StateRecorder} keeps state snapshots, so that replaying a long log can start
 * from the last one. A snapshot is only trusted if its bytes hash to the {@code state} digest the
 * log recorded at its seq; a corrupt snapshot is skipped and replay starts from the beginning.
 * Implementations must be thread-safe.
 */
public interface StateSnapshots {
  /**
   * Stores the canonical bytes of the state after the entry at {@code seq}.
   *
   * @param seq the entry's seq
   * @param state the canonical state bytes
   */
  void put(long seq, byte[] state);

  /**
   * Returns the snapshot with the greatest seq below {@code size}.
   *
   * @param size the log size; snapshots at or beyond it are ignored
   * @return the snapshot, if any
   */
  Optional<Snapshot> latest(long size);

  /**
   * A stored snapshot.
   *
   * @param seq the seq of the entry after which the state was taken
   * @param state the canonical state bytes as stored (possibly corrupt)
   */
  record Snapshot(long seq, byte[] state) {
    /**
     * Checks the components.
     *
     * @throws NullPointerException if state is null
     */
    public Snapshot {
      java.util.Objects.requireNonNull(state, "state");
    }
  }

  /**
   * Returns snapshots kept in memory.
   *
   * @return an empty in-memory store
   */
  static StateSnapshots inMemory() {
    return new InMemoryStateSnapshots();
  }

  /**
   * Returns snapshots kept as files {@code <seq>.state} in a directory, written atomically.
   *
   * @param directory the directory; created if missing
   * @return the store
   */
  static StateSnapshots inDirectory(java.nio.file.Path directory) {
    return new DirectoryStateSnapshots(directory);
  }
}
