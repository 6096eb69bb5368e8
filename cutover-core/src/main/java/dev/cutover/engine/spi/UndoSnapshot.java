package dev.cutover.engine.spi;

import java.util.Objects;

/**
 * A snapshot taken before a task ran, as a {@link SnapshotProvider} describes it. The engine logs
 * all three fields in {@code snapshot.taken}, so a rollback after a crash can restore it.
 *
 * @param ref the provider's reference to the snapshot, enough to restore it
 * @param scope the scope that was captured
 * @param digest the content digest of what was captured; a restore must reproduce it
 */
public record UndoSnapshot(String ref, String scope, String digest) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   * @throws IllegalArgumentException if a component is blank
   */
  public UndoSnapshot {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(digest, "digest");
    if (ref.isBlank() || scope.isBlank() || digest.isBlank()) {
      throw new IllegalArgumentException(
          "snapshot ref, scope and digest must not be blank, got ref '"
              + ref
              + "', scope '"
              + scope
              + "', digest '"
              + digest
              + "'");
    }
  }
}
