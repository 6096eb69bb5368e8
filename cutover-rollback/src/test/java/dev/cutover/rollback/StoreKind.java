package dev.cutover.rollback;

import java.nio.file.Path;

/** The store variants every store test runs against. */
public enum StoreKind {
  MEMORY,
  FILES,
  FILES_COMPRESSED;

  /** A builder for this kind; file stores live under {@code dir}. */
  public SnapshotStoreBuilder builder(Path dir) {
    switch (this) {
      case MEMORY:
        return SnapshotStore.inMemory();
      case FILES:
        return SnapshotStore.onFileSystem(dir).chunkSize(4096);
      default:
        return SnapshotStore.onFileSystem(dir).chunkSize(4096).compression(true);
    }
  }
}
