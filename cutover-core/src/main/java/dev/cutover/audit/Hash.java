package dev.cutover.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A SHA-256 digest: an entry hash, a Merkle node, a tree root or a state digest. Written as 64
 * lower-case hex digits in log entries and as standard base64 in checkpoints.
 *
 * <p>Immutable and thread-safe.
 */
public final class Hash implements Comparable<Hash> {
  /** The length of a SHA-256 digest in bytes. */
  public static final int LENGTH = 32;

  /** 32 zero bytes: the {@code prev} of the entry at seq 0. */
  public static final Hash ZERO = new Hash(new byte[LENGTH]);

  /** SHA-256 of the empty string: the root of the empty log (RFC 9162). */
  public static final Hash EMPTY_TREE = new Hash(sha256().digest());

  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns the hash with these 32 bytes.
   *
   * @param bytes the digest
   * @return the hash
   * @throws IllegalArgumentException if there are not exactly 32 bytes
   */
  public static Hash of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    if (bytes.length != LENGTH) {
      throw new IllegalArgumentException("a SHA-256 hash has 32 bytes, got " + bytes.length);
    }
    return new Hash(bytes.clone());
  }

  static Hash wrap(byte[] bytes) {
    return new Hash(bytes);
  }

  /**
   * Parses 64 lower-case hex digits.
   *
   * @param hex the digits
   * @return the hash
   * @throws IllegalArgumentException if the text is not 64 lower-case hex digits
   */
  public static Hash fromHex(String hex) {
    Objects.requireNonNull(hex, "hex");
    if (!isHex(hex)) {
      throw new IllegalArgumentException("expected 64 lower-case hex digits, got '" + hex + "'");
    }
    return new Hash(HEX.parseHex(hex));
  }

  /**
   * Parses standard base64 of 32 bytes.
   *
   * @param base64 the text
   * @return the hash
   * @throws IllegalArgumentException if the text is not base64 of 32 bytes
   */
  public static Hash fromBase64(String base64) {
    Objects.requireNonNull(base64, "base64");
    byte[] b;
    try {
      b = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + base64 + "' is not standard base64", e);
    }
    if (b.length != LENGTH || !Base64.getEncoder().encodeToString(b).equals(base64)) {
      throw new IllegalArgumentException("expected base64 of 32 bytes, got '" + base64 + "'");
    }
    return new Hash(b);
  }

  /**
   * Returns SHA-256 of some bytes.
   *
   * @param data the bytes
   * @return their digest
   */
  public static Hash sha256(byte[] data) {
    Objects.requireNonNull(data, "data");
    return new Hash(sha256().digest(data));
  }

  static boolean isHex(String s) {
    if (s.length() != 2 * LENGTH) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * Returns a copy of the 32 bytes.
   *
   * @return the digest
   */
  public byte[] bytes() {
    return bytes.clone();
  }

  byte[] raw() {
    return bytes;
  }

  /**
   * Returns the 64 lower-case hex digits.
   *
   * @return the hex form
   */
  public String hex() {
    return HEX.formatHex(bytes);
  }

  /**
   * Returns standard base64 with padding, as in checkpoints.
   *
   * @return the base64 form
   */
  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash && Arrays.equals(bytes, ((Hash) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  /** Returns the hex form. */
  @Override
  public String toString() {
    return hex();
  }
}
