package dev.cutover.json;

import dev.cutover.CutoverException;
import java.util.Objects;

/**
 * A value cannot be written as canonical JSON, or JSON text cannot be read: an unsupported Java
 * type, a key that is not a string, a lone surrogate, a syntax error.
 *
 * <p>{@link #path()} says where, as a JSONPath-like string such as {@code $.data.rows[3]}; for
 * syntax errors {@link #offset()} is the byte offset in the input.
 */
public class InvalidJsonException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final long offset;

  /**
   * Creates the exception.
   *
   * @param path where the problem is, e.g. {@code $.data.rows[3]}
   * @param offset the byte offset in JSON text, or {@code -1} if the problem is in a Java value
   * @param message what was expected and what was found
   */
  public InvalidJsonException(String path, long offset, String message) {
    super(message);
    this.path = Objects.requireNonNull(path, "path");
    this.offset = offset;
  }

  /**
   * Returns where the problem is.
   *
   * @return a JSONPath-like location such as {@code $.numbers[0]}
   */
  public String path() {
    return path;
  }

  /**
   * Returns the byte offset in the JSON text where the problem was found.
   *
   * @return the offset, or {@code -1} when the problem is in a Java value rather than in text
   */
  public long offset() {
    return offset;
  }
}
