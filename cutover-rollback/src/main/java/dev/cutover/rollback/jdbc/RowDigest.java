package dev.cutover.rollback.jdbc;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digest of one table: SHA-256 over a domain tag, the canonical definition, the row count and
 * the sum modulo 2^256 of the SHA-256 of every canonical row. The sum makes it independent of row
 * order while still counting duplicate rows.
 */
final class RowDigest {
  private final MessageDigest rowHash = sha256();
  private final long[] sum = new long[4];
  private long rows;

  void add(RowBuffer row) {
    rowHash.update(row.array(), 0, row.length());
    byte[] h = rowHash.digest();
    long carry = 0;
    for (int limb = 3; limb >= 0; limb--) {
      long v = RowBuffer.getLong(h, limb * 8);
      long s = sum[limb] + v;
      long c1 = Long.compareUnsigned(s, sum[limb]) < 0 ? 1 : 0;
      long s2 = s + carry;
      long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
      sum[limb] = s2;
      carry = c1 | c2;
    }
    rows++;
  }

  long rows() {
    return rows;
  }

  /** The table's digest, given its definition. */
  byte[] finish(TableDefinition definition) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(bytes);
      out.write("cutover.table.v1\0".getBytes(StandardCharsets.US_ASCII));
      definition.writeCanonical(out);
      out.writeLong(rows);
      for (long l : sum) {
        out.writeLong(l);
      }
      return sha256().digest(bytes.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The digest of a table that does not exist. */
  static byte[] absent(String table) {
    return sha256().digest(("cutover.table.absent.v1\0" + table.toLowerCase(java.util.Locale.ROOT))
        .getBytes(StandardCharsets.UTF_8));
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
