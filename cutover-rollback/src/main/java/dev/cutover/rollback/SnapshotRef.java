package dev.cutover.rollback;

import java.util.Objects;

/**
 * A reference to one snapshot: its id, the content digest of the scope when it was captured, the
 * digest of the stored archive, and its metadata. Immutable; a snapshot never changes once taken.
 *
 * <p>The engine writes the reference into the audit log, so that a restore can later prove both
 * that the stored archive is the one that was taken ({@link #archiveDigest()}) and that the
 * restored scope is the one that was captured ({@link #contentDigest()}).
 *
 * @param id the snapshot's id, unique within its store
 * @param contentDigest lower-case hex SHA-256 content digest of the scope, as defined by the scope
 * @param archiveDigest lower-case hex SHA-256 over the stored archive's chunk hashes
 * @param metadata what the snapshot records about itself
 */
public record SnapshotRef(
    String id, String contentDigest, String archiveDigest, SnapshotMetadata metadata) {
  /** Checks every field. */
  public SnapshotRef {
    Checks.notBlank(id, "id");
    if (!id.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "id must contain only letters, digits, '.', '_' and '-', got '" + id + "'");
    }
    Checks.digest(contentDigest, "contentDigest");
    Checks.digest(archiveDigest, "archiveDigest");
    Objects.requireNonNull(metadata, "metadata");
  }

  /**
   * The name of the captured scope; shorthand for {@code metadata().scope()}.
   *
   * @return the scope's name
   */
  public String scope() {
    return metadata.scope();
  }
}
