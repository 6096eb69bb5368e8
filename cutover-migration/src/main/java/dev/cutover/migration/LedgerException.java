package dev.cutover.migration;

import dev.cutover.CutoverException;

/** The ledger table could not be created, read or written. */
public final class LedgerException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String table;

  /**
   * Creates the exception.
   *
   * @param table the ledger table
   * @param message what failed, on which database
   * @param cause the driver's failure
   */
  public LedgerException(String table, String message, Throwable cause) {
    super(message, cause);
    this.table = table;
  }

  /** The ledger table. */
  public String table() {
    return table;
  }
}
