package dev.cutover.migration.jdbc;

import dev.cutover.CutoverException;

/**
 * A database could not be reached or refused the connection. The message and {@link #url()} name
 * the database by its JDBC URL with any password removed.
 */
public final class DatabaseUnavailableException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String url;

  /**
   * Creates the exception.
   *
   * @param url the JDBC URL, already stripped of secrets
   * @param cause the driver's failure
   */
  public DatabaseUnavailableException(String url, Throwable cause) {
    super(
        "cannot connect to database "
            + url
            + ": "
            + ConnectionFactory.redact(String.valueOf(cause.getMessage())),
        cause);
    this.url = url;
  }

  /** The JDBC URL of the database, without password. */
  public String url() {
    return url;
  }
}
