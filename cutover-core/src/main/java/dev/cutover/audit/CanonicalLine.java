package dev.cutover.audit;

import dev.cutover.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Checks, in one pass over its bytes, that a line is exactly the canonical (RFC 8785) form of a v1
 * entry, and hashes it, without building objects or serialising anything again.
 *
 * <p>A canonical v1 line has one shape: {@code {"actor":S,"data":O,"hash":H,"prev":H,"seq":N,}
 * optionally {@code "state":H,}, then {@code "time":T,"type":S,"v":1}}, with no whitespace, members
 * of every object in strictly increasing key order (so no duplicates), strings in well-formed UTF-8
 * with only the escapes JCS writes, and numbers as plain integers within the number rule. {@link
 * #scan} follows that shape byte by byte, notes where each member is, and computes the entry hash
 * SHA-256(0x00 ‖ line without its {@code hash} member) straight from the line's own bytes.
 *
 * <p>The contract with the reference decoder ({@link AuditEntryCodec#decode}, which parses the
 * line, serialises it again and compares): every line this scanner accepts, the reference decoder
 * accepts with the same seq, prev and hash. When the scanner refuses a line, callers hand it to the
 * reference decoder, which names the reason; the scanner may be stricter than needed (it refuses
 * nesting deeper than {@value #MAX_DEPTH} levels, which the reference decoder then judges), never
 * more lenient. Property tests check that both agree on mutated lines.
 *
 * <p>Not thread-safe: one instance per thread. The results of a successful scan stay in the
 * instance until the next scan.
 */
final class CanonicalLine {
  static final int MAX_DEPTH = 128;

  private static final byte[] ACTOR = ascii("{\"actor\":");
  private static final byte[] DATA = ascii(",\"data\":");
  private static final byte[] HASH = ascii(",\"hash\":\"");
  private static final byte[] PREV = ascii("\",\"prev\":\"");
  private static final byte[] SEQ = ascii("\",\"seq\":");
  private static final byte[] STATE = ascii("\"state\":\"");
  private static final byte[] TIME = ascii("\"time\":\"");
  private static final byte[] TYPE = ascii("\",\"type\":\"");
  private static final byte[] V1 = ascii("\",\"v\":1}");
  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] NULL = ascii("null");
  private static final long MAX = CanonicalJson.MAX_SAFE_INTEGER;

  private final MessageDigest sha = Hash.sha256();
  private byte[] in;
  // set by string(): whether the last string scanned was plain ASCII without escapes
  private boolean plain;

  /** The entry's seq. */
  long seq;
  /** The entry's prev hash. */
  final byte[] prev = new byte[Hash.LENGTH];
  /** The entry's hash, recomputed and equal to the one the line states. */
  final byte[] hash = new byte[Hash.LENGTH];
  private final byte[] claimed = new byte[Hash.LENGTH];
  /** The entry's state digest, if {@link #hasState}. */
  final byte[] state = new byte[Hash.LENGTH];
  /** Whether the entry records a state digest. */
  boolean hasState;
  /** The actor string, quotes included: [actorStart, actorEnd). */
  int actorStart;
  int actorEnd;
  /** Whether the actor is plain ASCII without escapes. */
  boolean actorPlain;
  /** The data object: [dataStart, dataEnd); the line up to dataEnd is the event's canonical head. */
  int dataStart;
  int dataEnd;
  /** The 24 characters of the time. */
  int timeStart;
  /** The type's characters, without quotes: [typeStart, typeEnd). */
  int typeStart;
  int typeEnd;
  /** Where the {@code "type"} member begins: the line from here is the event's canonical tail. */
  int tailStart;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Scans one line (without its newline).
   *
   * @return true if the line is the canonical form of a v1 entry whose hash recomputes; false if
   *     not, or if the line is beyond what this scanner judges (the reference decoder decides)
   */
  boolean scan(byte[] b, int off, int len) {
    in = b;
    try {
      return scanLine(off, off + len);
    } finally {
      in = null;
    }
  }

  private boolean scanLine(int off, int end) {
    int p = literal(off, end, ACTOR);
    if (p < 0) {
      return false;
    }
    actorStart = p;
    p = string(p, end);
    if (p < 0 || p == actorStart + 2) {
      return false;
    }
    actorEnd = p;
    actorPlain = plain;
    p = literal(p, end, DATA);
    if (p < 0 || p >= end || in[p] != '{') {
      return false;
    }
    dataStart = p;
    p = object(p, end, 1);
    if (p < 0) {
      return false;
    }
    dataEnd = p;
    p = literal(p, end, HASH);
    if (p < 0 || (p = hex(p, end, claimed)) < 0) {
      return false;
    }
    int hashEnd = p + 1;
    p = literal(p, end, PREV);
    if (p < 0 || (p = hex(p, end, prev)) < 0) {
      return false;
    }
    p = literal(p, end, SEQ);
    if (p < 0 || (p = seq(p, end)) < 0 || p >= end || in[p] != ',') {
      return false;
    }
    p++;
    int s = literal(p, end, STATE);
    hasState = s >= 0;
    if (hasState) {
      p = hex(s, end, state);
      if (p < 0 || p + 2 > end || in[p] != '"' || in[p + 1] != ',') {
        return false;
      }
      p += 2;
    }
    p = literal(p, end, TIME);
    if (p < 0 || p + 24 > end || !validTime(p)) {
      return false;
    }
    timeStart = p;
    tailStart = p + 24 + 2;
    p = literal(p + 24, end, TYPE);
    if (p < 0) {
      return false;
    }
    typeStart = p;
    p = type(p, end);
    if (p < 0) {
      return false;
    }
    typeEnd = p;
    p = literal(p, end, V1);
    if (p != end) {
      return false;
    }
    sha.update((byte) 0);
    sha.update(in, off, dataEnd - off);
    sha.update(in, hashEnd, end - hashEnd);
    try {
      sha.digest(hash, 0, Hash.LENGTH);
    } catch (DigestException e) {
      throw new IllegalStateException("SHA-256 digest does not fit 32 bytes", e);
    }
    return Arrays.equals(hash, claimed);
  }

  /** Returns the position after {@code lit} if it is at {@code p}, else -1. */
  private int literal(int p, int end, byte[] lit) {
    int n = lit.length;
    if (p < 0 || p + n > end) {
      return -1;
    }
    for (int i = 0; i < n; i++) {
      if (in[p + i] != lit[i]) {
        return -1;
      }
    }
    return p + n;
  }

  /** 64 lower-case hex digits into {@code out}; returns the position after them (at the closing quote). */
  private int hex(int p, int end, byte[] out) {
    if (p + 2 * Hash.LENGTH + 1 > end) {
      return -1;
    }
    for (int i = 0; i < Hash.LENGTH; i++) {
      int hi = nibble(in[p + 2 * i]);
      int lo = nibble(in[p + 2 * i + 1]);
      if ((hi | lo) < 0) {
        return -1;
      }
      out[i] = (byte) ((hi << 4) | lo);
    }
    return p + 2 * Hash.LENGTH;
  }

  private static int nibble(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }

  /** A canonical non-negative integer within the number rule. */
  private int seq(int p, int end) {
    if (p >= end) {
      return -1;
    }
    if (in[p] == '0') {
      seq = 0;
      return p + 1;
    }
    int q = digits(p, end);
    if (q < 0) {
      return -1;
    }
    seq = value;
    return q;
  }

  private long value;

  /** [1-9][0-9]* with a value of at most 2^53 - 1 into {@link #value}; returns the position after it. */
  private int digits(int p, int end) {
    if (p >= end || in[p] < '1' || in[p] > '9') {
      return -1;
    }
    long v = 0;
    int start = p;
    while (p < end && in[p] >= '0' && in[p] <= '9') {
      if (p - start == 16) {
        return -1;
      }
      v = v * 10 + (in[p] - '0');
      p++;
    }
    if (v > MAX) {
      return -1;
    }
    value = v;
    return p;
  }

  /** RFC 3339 UTC with milliseconds, a valid date and time of day, as the reference decoder reads it. */
  private boolean validTime(int p) {
    byte[] t = in;
    if (t[p + 4] != '-' || t[p + 7] != '-' || t[p + 10] != 'T' || t[p + 13] != ':' || t[p + 16] != ':'
        || t[p + 19] != '.' || t[p + 23] != 'Z') {
      return false;
    }
    int y = num(p, 4);
    int mo = num(p + 5, 2);
    int d = num(p + 8, 2);
    int h = num(p + 11, 2);
    int mi = num(p + 14, 2);
    int s = num(p + 17, 2);
    int ms = num(p + 20, 3);
    if ((y | mo | d | h | mi | s | ms) < 0 || h > 23 || mi > 59 || s > 59 || mo < 1 || mo > 12 || d < 1) {
      return false;
    }
    return d <= daysInMonth(y, mo);
  }

  private static int daysInMonth(int y, int mo) {
    switch (mo) {
      case 2:
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  private int num(int p, int n) {
    int v = 0;
    for (int i = p; i < p + n; i++) {
      int c = in[i] - '0';
      if (c < 0 || c > 9) {
        return -1;
      }
      v = v * 10 + c;
    }
    return v;
  }

  /** Returns the epoch milliseconds of the time of the last successful scan of {@code b}. */
  static long timeMillis(byte[] b, int p) {
    int y = (b[p] - '0') * 1000 + (b[p + 1] - '0') * 100 + (b[p + 2] - '0') * 10 + (b[p + 3] - '0');
    long day = LocalDate.of(y, two(b, p + 5), two(b, p + 8)).toEpochDay();
    int ms = (b[p + 20] - '0') * 100 + (b[p + 21] - '0') * 10 + (b[p + 22] - '0');
    return day * 86_400_000L + two(b, p + 11) * 3_600_000L + two(b, p + 14) * 60_000L + two(b, p + 17) * 1000L + ms;
  }

  private static int two(byte[] b, int p) {
    return (b[p] - '0') * 10 + (b[p + 1] - '0');
  }

  /** Dotted lower case: segments of [a-z][a-z0-9_-]*, separated by single dots; ends at the closing quote. */
  private int type(int p, int end) {
    boolean segmentStart = true;
    for (; p < end; p++) {
      byte c = in[p];
      if (c == '"') {
        return segmentStart ? -1 : p;
      }
      if (segmentStart) {
        if (c < 'a' || c > 'z') {
          return -1;
        }
        segmentStart = false;
      } else if (c == '.') {
        segmentStart = true;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return -1;
      }
    }
    return -1;
  }

  private int value(int p, int end, int depth) {
    if (p >= end) {
      return -1;
    }
    switch (in[p]) {
      case '{':
        return object(p, end, depth + 1);
      case '[':
        return array(p, end, depth + 1);
      case '"':
        return string(p, end);
      case 't':
        return literal(p, end, TRUE);
      case 'f':
        return literal(p, end, FALSE);
      case 'n':
        return literal(p, end, NULL);
      case '-':
        // -0 is written 0
        return p + 1 < end && in[p + 1] == '0' ? -1 : digits(p + 1, end);
      case '0':
        return p + 1;
      default:
        return digits(p, end);
    }
  }

  /** An object at {@code p}; returns the position after its closing brace. */
  private int object(int p, int end, int depth) {
    if (depth > MAX_DEPTH) {
      return -1;
    }
    p++;
    if (p < end && in[p] == '}') {
      return p + 1;
    }
    int lastKey = -1;
    int lastKeyEnd = -1;
    boolean lastPlain = false;
    while (true) {
      if (p >= end || in[p] != '"') {
        return -1;
      }
      int key = p;
      p = string(p, end);
      if (p < 0) {
        return -1;
      }
      boolean keyPlain = plain;
      if (lastKey >= 0 && !ascending(lastKey, lastKeyEnd, lastPlain, key, p, keyPlain)) {
        return -1;
      }
      lastKey = key;
      lastKeyEnd = p;
      lastPlain = keyPlain;
      if (p >= end || in[p] != ':') {
        return -1;
      }
      p = value(p + 1, end, depth);
      if (p < 0 || p >= end) {
        return -1;
      }
      if (in[p] == '}') {
        return p + 1;
      }
      if (in[p] != ',') {
        return -1;
      }
      p++;
    }
  }

  private int array(int p, int end, int depth) {
    if (depth > MAX_DEPTH) {
      return -1;
    }
    p++;
    if (p < end && in[p] == ']') {
      return p + 1;
    }
    while (true) {
      p = value(p, end, depth);
      if (p < 0 || p >= end) {
        return -1;
      }
      if (in[p] == ']') {
        return p + 1;
      }
      if (in[p] != ',') {
        return -1;
      }
      p++;
    }
  }

  /**
   * Whether key a sorts strictly before key b in UTF-16 code units, as JCS orders members. Plain
   * ASCII keys compare as bytes; others are decoded first (escapes, and UTF-8 order differs from
   * UTF-16 order above U+FFFF).
   */
  private boolean ascending(int a, int aEnd, boolean aPlain, int b, int bEnd, boolean bPlain) {
    if (aPlain && bPlain) {
      return Arrays.compare(in, a + 1, aEnd - 1, in, b + 1, bEnd - 1) < 0;
    }
    String ka = (String) CanonicalJson.parse(in, a, aEnd - a);
    String kb = (String) CanonicalJson.parse(in, b, bEnd - b);
    return ka.compareTo(kb) < 0;
  }

  /**
   * A string at {@code p} (which must be its opening quote) in canonical form: well-formed UTF-8, no raw control
   * characters, and only the escapes JCS writes: {@code \" \\ \b \f \n \r \t}, and for the other
   * control characters a backslash, {@code u}, {@code 00} and two lower-case hex digits. Returns the
   * position after the closing quote and sets {@link #plain}.
   */
  private int string(int p, int end) {
    if (p >= end || in[p] != '"') {
      return -1;
    }
    boolean ascii = true;
    p++;
    while (p < end) {
      int c = in[p] & 0xff;
      if (c == '"') {
        plain = ascii;
        return p + 1;
      }
      if (c == '\\') {
        ascii = false;
        if (p + 1 >= end) {
          return -1;
        }
        switch (in[p + 1]) {
          case '"':
          case '\\':
          case 'b':
          case 'f':
          case 'n':
          case 'r':
          case 't':
            p += 2;
            break;
          case 'u':
            if (p + 6 > end || in[p + 2] != '0' || in[p + 3] != '0' || (in[p + 4] != '0' && in[p + 4] != '1')) {
              return -1;
            }
            int lo = nibble(in[p + 5]);
            int v = (in[p + 4] - '0') * 16 + lo;
            if (lo < 0 || v == '\b' || v == '\f' || v == '\n' || v == '\r' || v == '\t') {
              return -1;
            }
            p += 6;
            break;
          default:
            return -1;
        }
      } else if (c < 0x20) {
        return -1;
      } else if (c < 0x80) {
        p++;
      } else {
        ascii = false;
        p = utf8(p, end, c);
        if (p < 0) {
          return -1;
        }
      }
    }
    return -1;
  }

  /** One well-formed UTF-8 sequence (Unicode table 3-7) starting with byte c at p; returns the position after it. */
  private int utf8(int p, int end, int c) {
    int need;
    int min = 0x80;
    int max = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) {
      need = 1;
    } else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c == 0xe0) {
        min = 0xa0;
      } else if (c == 0xed) {
        max = 0x9f;
      }
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c == 0xf0) {
        min = 0x90;
      } else if (c == 0xf4) {
        max = 0x8f;
      }
    } else {
      return -1;
    }
    if (p + need >= end) {
      return -1;
    }
    int b1 = in[p + 1] & 0xff;
    if (b1 < min || b1 > max) {
      return -1;
    }
    for (int i = 2; i <= need; i++) {
      int b = in[p + i] & 0xff;
      if (b < 0x80 || b > 0xbf) {
        return -1;
      }
    }
    return p + need + 1;
  }
}
