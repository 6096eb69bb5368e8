package dev.cutover.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * A named Ed25519 public key as used by C2SP signed notes, written {@code
 * <name>+<key id as 8 hex digits>+<base64(0x01 ‖ public key)>}.
 *
 * <p>The key id is the first 4 bytes (big-endian) of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
 * Immutable and thread-safe.
 *
 * @param name the key name: non-empty, no white space, no {@code +}
 * @param publicKey the public key
 */
public record VerifierKey(String name, Ed25519PublicKey publicKey) {
  /** The signature-algorithm byte of Ed25519 in signed notes. */
  static final byte ALG_ED25519 = 0x01;

  /**
   * Checks the name.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name is empty or contains white space or {@code +}
   */
  public VerifierKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(publicKey, "publicKey");
    checkName(name);
  }

  static void checkName(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("key name must not be empty");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '+' || Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
        throw new IllegalArgumentException(
            "key name '" + name + "' must not contain white space or '+' (found at index " + i + ")");
      }
    }
  }

  /**
   * Parses a verifier-key string.
   *
   * @param text e.g. {@code example.com+1a2b3c4d+AQ...}
   * @return the key
   * @throws KeyFormatException if the text is malformed or its key id does not match its key
   */
  public static VerifierKey parse(String text) {
    Objects.requireNonNull(text, "text");
    String src = "verifier key";
    int a = text.indexOf('+');
    int b = a + 9;
    if (a <= 0 || b >= text.length() || text.charAt(b) != '+') {
      throw new KeyFormatException(src, "verifier key '" + text + "' is not of the form <name>+<8 hex digits>+<base64 key>");
    }
    String name = text.substring(0, a);
    String id = text.substring(a + 1, b);
    if (!id.matches("[0-9a-f]{8}")) {
      throw new KeyFormatException(src, "verifier key '" + text + "' has key id '" + id + "', expected 8 lower-case hex digits");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(text.substring(b + 1));
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException(src, "verifier key '" + text + "' has a key that is not base64", e);
    }
    if (raw.length != 33 || raw[0] != ALG_ED25519) {
      throw new KeyFormatException(
          src, "verifier key '" + text + "' must encode 0x01 followed by a 32-byte Ed25519 key (" + raw.length + " bytes found)");
    }
    VerifierKey key;
    try {
      key = new VerifierKey(name, Ed25519PublicKey.of(java.util.Arrays.copyOfRange(raw, 1, 33)));
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException(src, "verifier key '" + text + "': " + e.getMessage(), e);
    }
    if (!key.keyIdHex().equals(id)) {
      throw new KeyFormatException(
          src, "verifier key '" + text + "' has key id " + id + " but its name and key give " + key.keyIdHex());
    }
    return key;
  }

  /**
   * Returns the key id.
   *
   * @return the first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ key), big-endian
   */
  public int keyId() {
    return keyId(name, publicKey);
  }

  /**
   * Returns the key id as 8 lower-case hex digits.
   *
   * @return the key id
   */
  public String keyIdHex() {
    return String.format(Locale.ROOT, "%08x", keyId());
  }

  static int keyId(String name, Ed25519PublicKey key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(ALG_ED25519);
      sha.update(key.bytes());
      byte[] d = sha.digest();
      return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * Returns the verifier-key string.
   *
   * @return {@code <name>+<key id>+<base64(0x01 ‖ key)>}
   */
  @Override
  public String toString() {
    byte[] raw = new byte[33];
    raw[0] = ALG_ED25519;
    System.arraycopy(publicKey.bytes(), 0, raw, 1, 32);
    return name + "+" + keyIdHex() + "+" + Base64.getEncoder().encodeToString(raw);
  }
}
