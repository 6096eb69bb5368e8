package dev.cutover.json;

/**
 * A number breaks Cutover's number rule: it is not an integer, or its absolute value is larger
 * than 2<sup>53</sup> - 1. Write such values (decimals, money, big integers) as strings.
 */
public final class UnsupportedNumberException extends InvalidJsonException {
  private static final long serialVersionUID = 1L;

  private final String number;

  /**
   * Creates the exception.
   *
   * @param path where the number is, e.g. {@code $.numbers[0]}
   * @param offset the byte offset in JSON text, or {@code -1} for a Java value
   * @param number the number as it was found
   */
  public UnsupportedNumberException(String path, long offset, String number) {
    super(
        path,
        offset,
        "number "
            + number
            + " at "
            + path
            + " is not allowed: numbers must be integers with absolute value at most "
            + CanonicalJson.MAX_SAFE_INTEGER
            + " (write decimals and big numbers as strings)");
    this.number = number;
  }

  /**
   * Returns the number that was refused, as text.
   *
   * @return the number as it was found
   */
  public String number() {
    return number;
  }
}
