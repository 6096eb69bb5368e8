package dev.cutover.migration.validation;

import java.util.Objects;

/**
 * The order-independent content digest of a set of rows.
 *
 * @param rows how many rows
 * @param digest lower-case hex SHA-256 of {@code "cutover-content-digest-v1\n" + rows + "\n" +
 *     hex(sum)}, where {@code sum} is the sum modulo 2^256 of every row's {@link RowEncoding}
 *     digest read as an unsigned big-endian number (a multiset hash: order does not matter,
 *     duplicates count)
 */
public record TableDigest(long rows, String digest) {
  /** Checks the components. */
  public TableDigest {
    Objects.requireNonNull(digest, "digest");
    if (rows < 0) {
      throw new IllegalArgumentException("rows must be non-negative, was " + rows);
    }
  }
}
