package dev.cutover.rollback;

/**
 * A restore ran but the restored scope's digest differs from the snapshot's content digest. The
 * scope has been changed; running the restore again normally completes it.
 */
public final class RestoreVerificationException extends SnapshotException {
  private static final long serialVersionUID = 1L;

  private final String scope;
  private final String expectedDigest;
  private final String actualDigest;

  /**
   * Creates the exception.
   *
   * @param snapshotId the snapshot that was restored
   * @param scope the scope that was restored
   * @param expectedDigest the snapshot's content digest
   * @param actualDigest the digest of the scope after the restore
   */
  public RestoreVerificationException(
      String snapshotId, String scope, String expectedDigest, String actualDigest) {
    super(
        "restore of snapshot '" + snapshotId + "' into scope '" + scope
            + "' did not verify: expected content digest " + expectedDigest + ", found "
            + actualDigest);
    this.scope = scope;
    this.expectedDigest = expectedDigest;
    this.actualDigest = actualDigest;
  }

  /**
   * The scope that was restored.
   *
   * @return the scope's name
   */
  public String scope() {
    return scope;
  }

  /**
   * The snapshot's content digest.
   *
   * @return lower-case hex SHA-256
   */
  public String expectedDigest() {
    return expectedDigest;
  }

  /**
   * The digest of the scope after the restore.
   *
   * @return lower-case hex SHA-256
   */
  public String actualDigest() {
    return actualDigest;
  }
}
