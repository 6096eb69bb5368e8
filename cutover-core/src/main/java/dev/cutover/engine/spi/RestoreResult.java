package dev.cutover.engine.spi;

import java.util.Map;
import java.util.Objects;

/**
 * What a {@link SnapshotProvider} reports about one restore: the content digest of the scope after
 * it, and evidence for the audit log, such as who the store let restore and why. The engine
 * compares the digest with the snapshot's and logs the evidence in {@code task.undo.completed},
 * under {@code restore}. Immutable.
 *
 * @param digest the content digest of the scope after the restore, computed from the restored
 *     content itself
 * @param evidence JSON values (strings, booleans, integral numbers, lists and maps with string
 *     keys; no floating point, no nulls), possibly empty
 */
public record RestoreResult(String digest, Map<String, Object> evidence) {
  /**
   * Checks the components and copies the evidence.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if the digest is blank
   */
  public RestoreResult {
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(evidence, "evidence");
    if (digest.isBlank()) {
      throw new IllegalArgumentException("restored digest must not be blank");
    }
    evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
  }
}
