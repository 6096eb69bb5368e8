package dev.cutover.engine.spi;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The position of one audit log entry: its {@code seq} and its {@code hash}, enough to find the
 * entry again and to prove it is the same one. Immutable.
 *
 * @param seq the entry's seq, non-negative
 * @param hash the entry's hash, 64 lower-case hex digits
 */
public record LogPosition(long seq, String hash) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

  /**
   * Checks the components.
   *
   * @throws NullPointerException if hash is null
   * @throws IllegalArgumentException if seq is negative or hash is not 64 lower-case hex digits
   */
  public LogPosition {
    Objects.requireNonNull(hash, "hash");
    if (seq < 0) {
      throw new IllegalArgumentException("log seq must be non-negative, got " + seq);
    }
    if (!HEX64.matcher(hash).matches()) {
      throw new IllegalArgumentException("log hash must be 64 lower-case hex digits, got '" + hash + "'");
    }
  }
}
