package dev.cutover.replay;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The state digest: the lower-case hex SHA-256 of a state's canonical bytes, as the {@code state}
 * field of an audit log entry holds it. Thread-safe.
 */
public final class StateDigest {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private StateDigest() {}

  /**
   * Returns the lower-case hex SHA-256 of some bytes.
   *
   * @param bytes the bytes
   * @return 64 lower-case hex digits
   * @throws NullPointerException if bytes is null
   */
  public static String of(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return hex(sha256().digest(bytes));
  }

  /**
   * Returns the digest of a state under a codec.
   *
   * @param codec the codec
   * @param state the state
   * @param <S> the state type
   * @return 64 lower-case hex digits
   */
  public static <S> String of(StateCodec<S> codec, S state) {
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(state, "state");
    return of(codec.encode(state));
  }

  /**
   * Tells whether a string is a well-formed digest: 64 lower-case hex digits.
   *
   * @param digest the candidate
   * @return true if well formed
   */
  public static boolean isWellFormed(String digest) {
    if (digest == null || digest.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = digest.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("the jdk provides no sha-256", e);
            }
          });

  /** Returns the raw SHA-256 of some bytes. */
  static byte[] raw(byte[] bytes) {
    return sha256().digest(bytes);
  }

  /** Tells whether raw digest bytes equal a lower-case hex digest, without allocating. */
  static boolean matches(byte[] raw, String hex) {
    if (hex.length() != raw.length * 2) {
      return false;
    }
    for (int i = 0; i < raw.length; i++) {
      if (hex.charAt(2 * i) != HEX[(raw[i] >> 4) & 0xf] || hex.charAt(2 * i + 1) != HEX[raw[i] & 0xf]) {
        return false;
      }
    }
    return true;
  }

  static MessageDigest sha256() {
    MessageDigest md = SHA256.get();
    md.reset();
    return md;
  }

  static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out);
  }
}
