package dev.cutover.migration.movement;

import java.util.Objects;

/**
 * One chunk of a data movement step.
 *
 * @param stepId the step
 * @param chunk the chunk's number, 1-based, counted across resumptions
 * @param fromExclusive the chunk covers keys greater than this
 * @param toInclusive and at most this
 * @param rows rows changed or copied in this chunk
 * @param totalRows rows changed or copied so far, this chunk included
 */
public record ChunkProgress(
    String stepId, long chunk, long fromExclusive, long toInclusive, long rows, long totalRows) {
  /** Checks the components. */
  public ChunkProgress {
    Objects.requireNonNull(stepId, "stepId");
    if (chunk < 1) {
      throw new IllegalArgumentException("chunk must be at least 1, was " + chunk);
    }
  }
}
