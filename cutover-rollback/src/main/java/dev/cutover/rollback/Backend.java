package dev.cutover.rollback;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/** Where a store keeps chunks and manifests: in memory or in a directory. */
interface Backend extends Closeable {
  /** The committed manifests, after removing leftovers of uncommitted snapshots. */
  List<Manifest> recover(SnapshotListener listener) throws IOException;

  /** Starts staging the chunks of a new snapshot. */
  Staging stage(String id) throws IOException;

  /** Reads a chunk's uncompressed bytes, or returns null if the chunk is missing. */
  byte[] readChunk(String hash) throws IOException;

  /**
   * Removes a manifest (the commit point of the release), then every chunk that none of the
   * remaining manifests refers to.
   */
  void release(Manifest released, Collection<Manifest> remaining) throws IOException;

  @Override
  void close() throws IOException;

  /** The chunks of one snapshot being written; committed by writing its manifest. */
  interface Staging {
    /** Stores a chunk (deduplicated by its hash). */
    void put(String hash, byte[] data, int length) throws IOException;

    /** Makes the snapshot durable and visible: the manifest is the commit point. */
    void commit(Manifest manifest) throws IOException;

    /** Forgets the snapshot; its chunks are left for garbage collection. */
    void abort();
  }
}
