package dev.cutover.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes RFC 8785 canonical JSON straight into a growable byte buffer.
 *
 * <p>Object members are sorted by their keys as UTF-16 code units, strings use the minimal JCS
 * escapes and are otherwise UTF-8, and numbers must satisfy the number rule (integers with
 * absolute value at most 2<sup>53</sup> - 1), for which JCS's number serialisation is plain
 * decimal digits. A value that breaks a rule is refused with an {@link InvalidJsonException} (an
 * {@link UnsupportedNumberException} for numbers) naming its path; the bytes written so far for
 * that call are discarded.
 *
 * <p>Not thread-safe: use one writer per thread, and {@link #reset()} it to reuse its buffer.
 */
public final class CanonicalJsonWriter {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

  private byte[] buf;
  private int size;

  /** Creates a writer with a small initial buffer. */
  public CanonicalJsonWriter() {
    this(256);
  }

  /**
   * Creates a writer.
   *
   * @param initialCapacity the initial buffer size in bytes, at least 16
   * @throws IllegalArgumentException if {@code initialCapacity} is less than 16
   */
  public CanonicalJsonWriter(int initialCapacity) {
    if (initialCapacity < 16) {
      throw new IllegalArgumentException("initialCapacity must be at least 16, got " + initialCapacity);
    }
    buf = new byte[initialCapacity];
  }

  /** Discards everything written so far; the buffer is kept for reuse. */
  public void reset() {
    size = 0;
  }

  /**
   * Returns the number of bytes written since the last reset.
   *
   * @return the size in bytes
   */
  public int size() {
    return size;
  }

  /**
   * Truncates the output to its first {@code newSize} bytes.
   *
   * @param newSize the new size, between 0 and {@link #size()}
   * @throws IllegalArgumentException if {@code newSize} is out of range
   */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("newSize must be between 0 and " + size + ", got " + newSize);
    }
    size = newSize;
  }

  /**
   * Returns a copy of the bytes written since the last reset.
   *
   * @return the canonical bytes
   */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  /**
   * Returns the internal buffer, valid up to {@link #size()}, without copying. The array is
   * overwritten by later writes; do not keep it.
   *
   * @return the internal buffer
   */
  public byte[] buffer() {
    return buf;
  }

  /**
   * Writes any supported value: {@code null}, {@link String}, {@link Boolean}, integral numbers
   * ({@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger}, and {@link
   * BigDecimal} with an integral value) within the number rule, {@link Map} with {@link String}
   * keys, {@link Collection}, arrays of objects.
   *
   * @param value the value
   * @return this writer
   * @throws InvalidJsonException if the value or anything inside it is not supported; the output
   *     is left as it was before this call
   */
  public CanonicalJsonWriter value(Object value) {
    int mark = size;
    try {
      write(value);
    } catch (InvalidJsonException e) {
      size = mark;
      throw CanonicalJson.locate(value, e);
    }
    return this;
  }

  /**
   * Writes a JSON string with JCS escaping.
   *
   * @param s the string
   * @return this writer
   * @throws InvalidJsonException if the string contains a lone surrogate
   */
  public CanonicalJsonWriter string(String s) {
    int mark = size;
    try {
      writeString(s);
    } catch (InvalidJsonException e) {
      size = mark;
      throw e;
    }
    return this;
  }

  /**
   * Writes an integer within the number rule.
   *
   * @param v the number
   * @return this writer
   * @throws UnsupportedNumberException if the absolute value is larger than 2<sup>53</sup> - 1
   */
  public CanonicalJsonWriter number(long v) {
    writeLong(v);
    return this;
  }

  /**
   * Writes bytes as they are, with no checks; the caller is responsible for the result being
   * canonical JSON.
   *
   * @param bytes the bytes
   * @return this writer
   */
  public CanonicalJsonWriter raw(byte[] bytes) {
    return raw(bytes, 0, bytes.length);
  }

  /**
   * Writes part of an array as it is, with no checks.
   *
   * @param bytes the bytes
   * @param off the first byte
   * @param len how many bytes
   * @return this writer
   */
  public CanonicalJsonWriter raw(byte[] bytes, int off, int len) {
    ensure(len);
    System.arraycopy(bytes, off, buf, size, len);
    size += len;
    return this;
  }

  /**
   * Writes one byte as it is (e.g. a structural character such as a comma or a brace).
   *
   * @param b the byte
   * @return this writer
   */
  public CanonicalJsonWriter raw(char b) {
    ensure(1);
    buf[size++] = (byte) b;
    return this;
  }

  /**
   * Writes bytes as lower-case hex digits inside quotes, e.g. a digest.
   *
   * @param bytes the bytes
   * @return this writer
   */
  public CanonicalJsonWriter hexString(byte[] bytes) {
    ensure(bytes.length * 2 + 2);
    byte[] b = buf;
    int p = size;
    b[p++] = '"';
    for (byte x : bytes) {
      b[p++] = HEX[(x >> 4) & 0xf];
      b[p++] = HEX[x & 0xf];
    }
    b[p++] = '"';
    size = p;
    return this;
  }

  private void write(Object v) {
    if (v instanceof String) {
      writeString((String) v);
    } else if (v instanceof Map) {
      writeMap((Map<?, ?>) v);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      writeLong(((Number) v).longValue());
    } else if (v instanceof Boolean) {
      raw(((Boolean) v) ? TRUE : FALSE);
    } else if (v == null) {
      raw(NULL);
    } else if (v instanceof Collection) {
      raw('[');
      boolean first = true;
      for (Object o : (Collection<?>) v) {
        if (!first) {
          raw(',');
        }
        first = false;
        write(o);
      }
      raw(']');
    } else if (v instanceof Object[]) {
      raw('[');
      Object[] a = (Object[]) v;
      for (int i = 0; i < a.length; i++) {
        if (i > 0) {
          raw(',');
        }
        write(a[i]);
      }
      raw(']');
    } else if (v instanceof BigInteger || v instanceof BigDecimal) {
      writeLong(CanonicalJson.exactLong((Number) v, "$", -1));
    } else if (v instanceof Double || v instanceof Float) {
      throw new UnsupportedNumberException("$", -1, v.toString());
    } else {
      throw new InvalidJsonException(
          "$",
          -1,
          "value of type "
              + v.getClass().getName()
              + " at $ cannot be written as JSON (expected string, boolean, integral number, null,"
              + " list or map)");
    }
  }

  private void writeMap(Map<?, ?> m) {
    raw('{');
    if (m instanceof SortedMap && ((SortedMap<?, ?>) m).comparator() == null) {
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) {
          raw(',');
        }
        first = false;
        writeMember(e.getKey(), e.getValue());
      }
    } else {
      int n = m.size();
      String[] keys = new String[n];
      int i = 0;
      for (Object k : m.keySet()) {
        if (!(k instanceof String)) {
          throw new InvalidJsonException("$", -1, "map key " + k + " at $ is not a string");
        }
        keys[i++] = (String) k;
      }
      if (n > 1) {
        Arrays.sort(keys);
      }
      for (i = 0; i < n; i++) {
        if (i > 0) {
          raw(',');
        }
        writeMember(keys[i], m.get(keys[i]));
      }
    }
    raw('}');
  }

  private void writeMember(Object key, Object value) {
    if (!(key instanceof String)) {
      throw new InvalidJsonException("$", -1, "map key " + key + " at $ is not a string");
    }
    writeString((String) key);
    raw(':');
    write(value);
  }

  private void writeLong(long v) {
    if (v > CanonicalJson.MAX_SAFE_INTEGER || v < -CanonicalJson.MAX_SAFE_INTEGER) {
      throw new UnsupportedNumberException("$", -1, Long.toString(v));
    }
    ensure(20);
    if (v == 0) {
      buf[size++] = '0';
      return;
    }
    if (v < 0) {
      buf[size++] = '-';
      v = -v;
    }
    int digits = 0;
    for (long t = v; t > 0; t /= 10) {
      digits++;
    }
    int p = size + digits;
    size = p;
    while (v > 0) {
      buf[--p] = (byte) ('0' + (v % 10));
      v /= 10;
    }
  }

  private void writeString(String s) {
    int len = s.length();
    ensure(len * 3 + 2);
    byte[] b = buf;
    int p = size;
    b[p++] = '"';
    for (int i = 0; i < len; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          b[p++] = (byte) c;
        } else {
          size = p;
          ensure(6 + (len - i) * 3);
          b = buf;
          p = escape(b, p, c);
        }
      } else if (c < 0x800) {
        b[p++] = (byte) (0xc0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          b[p++] = (byte) (0xf0 | (cp >> 18));
          b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
          b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
          b[p++] = (byte) (0x80 | (cp & 0x3f));
        } else {
          throw new InvalidJsonException(
              "$",
              -1,
              "string at $ contains a lone surrogate U+"
                  + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                  + " at index "
                  + i
                  + ", which has no UTF-8 encoding");
        }
      } else {
        b[p++] = (byte) (0xe0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
        b[p++] = (byte) (0x80 | (c & 0x3f));
      }
    }
    b[p++] = '"';
    size = p;
  }

  private static int escape(byte[] b, int p, char c) {
    b[p++] = '\\';
    switch (c) {
      case '"':
        b[p++] = '"';
        break;
      case '\\':
        b[p++] = '\\';
        break;
      case '\b':
        b[p++] = 'b';
        break;
      case '\f':
        b[p++] = 'f';
        break;
      case '\n':
        b[p++] = 'n';
        break;
      case '\r':
        b[p++] = 'r';
        break;
      case '\t':
        b[p++] = 't';
        break;
      default:
        b[p++] = 'u';
        b[p++] = '0';
        b[p++] = '0';
        b[p++] = HEX[(c >> 4) & 0xf];
        b[p++] = HEX[c & 0xf];
    }
    return p;
  }

  private void ensure(int extra) {
    if (size + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
    }
  }
}
