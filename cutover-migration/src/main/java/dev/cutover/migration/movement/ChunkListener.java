package dev.cutover.migration.movement;

/**
 * Hears the chunks of a data movement step. Methods have empty defaults. An exception thrown from
 * {@link #beforeCommit} rolls the chunk back; one thrown from {@link #chunkCommitted} stops the
 * step after the chunk committed. Either way the step resumes from the last committed chunk; tests
 * use this to simulate a crash at any chunk boundary. Called on the step's thread.
 */
public interface ChunkListener {
  /**
   * A chunk is written and about to commit with its progress row.
   *
   * @param progress the chunk
   */
  default void beforeCommit(ChunkProgress progress) {}

  /**
   * A chunk and its progress row committed.
   *
   * @param progress the chunk
   */
  default void chunkCommitted(ChunkProgress progress) {}
}
