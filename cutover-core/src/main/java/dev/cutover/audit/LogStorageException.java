package dev.cutover.audit;

import dev.cutover.CutoverException;

/** Reading or writing a log's storage failed; the message names the operation and the resource. */
public final class LogStorageException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String resource;

  /**
   * Creates the exception.
   *
   * @param resource the file or store that failed
   * @param message the operation that failed
   * @param cause the I/O or database failure
   */
  public LogStorageException(String resource, String message, Throwable cause) {
    super(message, cause);
    this.resource = resource;
  }

  /**
   * Returns the file or store that failed.
   *
   * @return the resource
   */
  public String resource() {
    return resource;
  }
}
