package dev.cutover.migration.lease;

import dev.cutover.CutoverException;

/**
 * A write or a renewal was refused because the caller no longer holds the lease: it expired, or
 * another owner took it over with a larger fencing token. The write was rolled back.
 */
public final class LeaseLostException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String lease;
  private final String owner;
  private final long token;
  private final long currentToken;
  private final String currentOwner;

  /**
   * Creates the exception.
   *
   * @param lease the lease name
   * @param owner the caller
   * @param token the caller's (stale) token
   * @param currentToken the token in the database now (0 if the row is missing)
   * @param currentOwner the owner in the database now
   * @param why what was found, e.g. {@code expired} or {@code taken over}
   */
  public LeaseLostException(
      String lease, String owner, long token, long currentToken, String currentOwner, String why) {
    super(
        "lease '" + lease + "' is no longer held by '" + owner + "' with fencing token " + token
            + " (" + why + "; current token " + currentToken + ", owner '" + currentOwner
            + "'); the write is refused");
    this.lease = lease;
    this.owner = owner;
    this.token = token;
    this.currentToken = currentToken;
    this.currentOwner = currentOwner;
  }

  /** The lease name. */
  public String lease() {
    return lease;
  }

  /** The owner that lost it. */
  public String owner() {
    return owner;
  }

  /** The stale token that was refused. */
  public long token() {
    return token;
  }

  /** The token in the database when the write was refused. */
  public long currentToken() {
    return currentToken;
  }

  /** The owner in the database when the write was refused. */
  public String currentOwner() {
    return currentOwner;
  }
}
