package dev.cutover.rollback;

import java.time.Instant;
import java.util.Objects;

/**
 * A restore that completed and was verified: the restored scope's digest equals the snapshot's
 * content digest. Immutable.
 *
 * @param snapshot the snapshot that was restored
 * @param principal who asked for the restore
 * @param authorization why the restore was allowed (the authorizer's reason)
 * @param startedAt when the restore started, from the store's clock
 * @param finishedAt when it was verified, from the store's clock
 */
public record RestoreReport(
    SnapshotRef snapshot,
    String principal,
    String authorization,
    Instant startedAt,
    Instant finishedAt) {
  /** Checks every field. */
  public RestoreReport {
    Objects.requireNonNull(snapshot, "snapshot");
    Checks.notBlank(principal, "principal");
    Checks.notBlank(authorization, "authorization");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
  }

  /**
   * The verified digest of the restored scope, equal to the snapshot's content digest.
   *
   * @return lower-case hex SHA-256
   */
  public String verifiedDigest() {
    return snapshot.contentDigest();
  }
}
