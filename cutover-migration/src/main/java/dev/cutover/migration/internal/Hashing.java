package dev.cutover.migration.internal;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** SHA-256 and hex helpers. Thread-safe (stateless). */
public final class Hashing {
  private Hashing() {}

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code text}. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    SHA256Digest d = new SHA256Digest();
    d.update(bytes, 0, bytes.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /** Lower-case hex of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * The checksum of a SQL text as Cutover defines it: line endings ({@code \r\n}, {@code \r})
   * become {@code \n}, trailing white space on every line, a leading byte-order mark and trailing
   * empty lines are dropped; the result's SHA-256 in lower-case hex.
   */
  public static String sqlChecksum(String sql) {
    return sha256Hex(normalizeSql(sql));
  }

  /** The normalised SQL text that {@link #sqlChecksum(String)} hashes. */
  public static String normalizeSql(String sql) {
    String s = sql.startsWith("\uFEFF") ? sql.substring(1) : sql;
    String[] lines = s.split("\r\n|\r|\n", -1);
    StringBuilder b = new StringBuilder(s.length());
    int end = lines.length;
    while (end > 0 && lines[end - 1].isBlank()) {
      end--;
    }
    for (int i = 0; i < end; i++) {
      b.append(lines[i].stripTrailing()).append('\n');
    }
    return b.toString();
  }
}
