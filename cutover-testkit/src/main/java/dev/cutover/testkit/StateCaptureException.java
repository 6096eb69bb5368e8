package dev.cutover.testkit;

import dev.cutover.CutoverException;
import java.sql.SQLException;

/** A database state could not be captured because the database could not be read. */
public final class StateCaptureException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String database;

  StateCaptureException(String database, SQLException cause) {
    super("cannot capture the state of " + database + ": " + cause.getMessage(), cause);
    this.database = database;
  }

  /**
   * Names the database that could not be read (never with a password).
   *
   * @return the database
   */
  public String database() {
    return database;
  }
}
