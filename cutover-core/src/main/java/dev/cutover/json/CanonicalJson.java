package dev.cutover.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * RFC 8785 canonical JSON with Cutover's number rule.
 *
 * <p>Supported Java values: {@code null}, {@link String}, {@link Boolean}, integral numbers
 * ({@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger}, and {@link
 * BigDecimal} whose value is integral) with absolute value at most {@link #MAX_SAFE_INTEGER},
 * {@link Map}s with {@link String} keys, {@link Collection}s and object arrays. {@link Double} and
 * {@link Float} are always refused: money and decimals belong in strings.
 *
 * <p>All methods are static and thread-safe.
 */
public final class CanonicalJson {
  /** The largest absolute value a number may have: 2<sup>53</sup> - 1. */
  public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

  private static final ThreadLocal<CanonicalJsonWriter> WRITERS =
      ThreadLocal.withInitial(CanonicalJsonWriter::new);

  private CanonicalJson() {}

  /**
   * Returns the canonical UTF-8 bytes of a value.
   *
   * @param value the value
   * @return the canonical bytes
   * @throws InvalidJsonException if the value or anything in it is not supported, naming its path
   */
  public static byte[] toBytes(Object value) {
    CanonicalJsonWriter w = WRITERS.get();
    w.reset();
    w.value(value);
    byte[] out = w.toByteArray();
    if (w.buffer().length > 1 << 16) {
      WRITERS.remove();
    }
    return out;
  }

  /**
   * Returns the canonical JSON text of a value.
   *
   * @param value the value
   * @return the canonical text
   * @throws InvalidJsonException if the value or anything in it is not supported, naming its path
   */
  public static String toString(Object value) {
    return new String(toBytes(value), StandardCharsets.UTF_8);
  }

  /**
   * Parses strict JSON text (RFC 8259, UTF-8, no duplicate keys) into Java values: {@code null},
   * {@link String}, {@link Boolean}, {@link Long}, immutable {@link List}s and immutable sorted
   * {@link Map}s.
   *
   * @param json the UTF-8 bytes
   * @return the value
   * @throws InvalidJsonException if the text is not valid JSON, naming the byte offset
   * @throws UnsupportedNumberException if a number breaks the number rule, naming its path
   */
  public static Object parse(byte[] json) {
    Objects.requireNonNull(json, "json");
    return new JsonParser(json, 0, json.length).parseDocument();
  }

  /**
   * Parses part of a byte array as JSON; see {@link #parse(byte[])}.
   *
   * @param json the bytes
   * @param offset the first byte of the document
   * @param length the length of the document
   * @return the value
   * @throws InvalidJsonException if the text is not valid JSON
   */
  public static Object parse(byte[] json, int offset, int length) {
    Objects.requireNonNull(json, "json");
    Objects.checkFromIndexSize(offset, length, json.length);
    return new JsonParser(json, offset, offset + length).parseDocument();
  }

  /**
   * Parses JSON text; see {@link #parse(byte[])}.
   *
   * @param json the text
   * @return the value
   * @throws InvalidJsonException if the text is not valid JSON
   */
  public static Object parse(String json) {
    Objects.requireNonNull(json, "json");
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Canonicalises JSON text: parses it and writes it back canonically.
   *
   * @param json UTF-8 JSON text
   * @return the canonical bytes
   * @throws InvalidJsonException if the text is not valid JSON or breaks the number rule
   */
  public static byte[] canonicalize(byte[] json) {
    return toBytes(parse(json));
  }

  /**
   * Checks a value and returns a deep, immutable copy of it: maps become immutable sorted maps,
   * collections and arrays immutable lists, integral numbers {@link Long}s.
   *
   * @param value the value
   * @return the immutable copy
   * @throws InvalidJsonException if the value or anything in it is not supported, naming its path
   */
  public static Object copyOf(Object value) {
    return copy(value, "$");
  }

  /**
   * Checks a map and returns a deep, immutable, sorted copy of it.
   *
   * @param map the map
   * @param path the path to name in errors, e.g. {@code $.data}
   * @return the immutable copy
   * @throws InvalidJsonException if anything in the map is not supported, naming its path
   */
  public static Map<String, Object> copyOf(Map<String, ?> map, String path) {
    Objects.requireNonNull(map, "map");
    Objects.requireNonNull(path, "path");
    @SuppressWarnings("unchecked")
    Map<String, Object> copy = (Map<String, Object>) copy(map, path);
    return copy;
  }

  private static Object copy(Object v, String path) {
    if (v == null || v instanceof Boolean) {
      return v;
    }
    if (v instanceof String) {
      checkString((String) v, path);
      return v;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      long l = ((Number) v).longValue();
      if (l > MAX_SAFE_INTEGER || l < -MAX_SAFE_INTEGER) {
        throw new UnsupportedNumberException(path, -1, Long.toString(l));
      }
      return l;
    }
    if (v instanceof BigInteger || v instanceof BigDecimal) {
      return exactLong((Number) v, path, -1);
    }
    if (v instanceof Double || v instanceof Float) {
      throw new UnsupportedNumberException(path, -1, v.toString());
    }
    if (v instanceof Map) {
      TreeMap<String, Object> out = new TreeMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!(e.getKey() instanceof String)) {
          throw new InvalidJsonException(
              path, -1, "map key " + e.getKey() + " at " + path + " is not a string");
        }
        String k = (String) e.getKey();
        String child = memberPath(path, k);
        checkString(k, child);
        out.put(k, copy(e.getValue(), child));
      }
      return Collections.unmodifiableSortedMap(out);
    }
    if (v instanceof Collection || v instanceof Object[]) {
      Collection<?> c = v instanceof Collection ? (Collection<?>) v : java.util.Arrays.asList((Object[]) v);
      List<Object> out = new ArrayList<>(c.size());
      int i = 0;
      for (Object o : c) {
        out.add(copy(o, path + "[" + i++ + "]"));
      }
      return Collections.unmodifiableList(out);
    }
    throw new InvalidJsonException(
        path,
        -1,
        "value of type "
            + v.getClass().getName()
            + " at "
            + path
            + " cannot be written as JSON (expected string, boolean, integral number, null, list"
            + " or map)");
  }

  private static void checkString(String s, String path) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          throw new InvalidJsonException(
              path,
              -1,
              "string at "
                  + path
                  + " contains a lone surrogate U+"
                  + Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)
                  + " at index "
                  + i
                  + ", which has no UTF-8 encoding");
        }
      }
    }
  }

  /**
   * Returns the path of a member of an object, e.g. {@code $.data} or {@code $["a b"]}.
   *
   * @param parent the path of the object
   * @param key the member's key
   * @return the member's path
   */
  public static String memberPath(String parent, String key) {
    boolean simple = !key.isEmpty();
    for (int i = 0; i < key.length() && simple; i++) {
      char c = key.charAt(i);
      simple =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || (i > 0 && c >= '0' && c <= '9');
    }
    if (simple) {
      return parent + "." + key;
    }
    CanonicalJsonWriter w = new CanonicalJsonWriter(key.length() * 3 + 16);
    try {
      w.string(key);
    } catch (InvalidJsonException e) {
      return parent + "[?]";
    }
    return parent + "[" + new String(w.toByteArray(), StandardCharsets.UTF_8) + "]";
  }

  static long exactLong(Number n, String path, long offset) {
    BigInteger bi;
    if (n instanceof BigDecimal) {
      BigDecimal d = ((BigDecimal) n).stripTrailingZeros();
      if (d.scale() > 0) {
        throw new UnsupportedNumberException(path, offset, ((BigDecimal) n).toString());
      }
      if (d.precision() - d.scale() > 17) {
        throw new UnsupportedNumberException(path, offset, ((BigDecimal) n).toString());
      }
      bi = d.toBigIntegerExact();
    } else {
      bi = (BigInteger) n;
    }
    if (bi.abs().bitLength() > 53) {
      throw new UnsupportedNumberException(path, offset, n.toString());
    }
    return bi.longValueExact();
  }

  /** Re-walks a value that failed to write, to name the path of the first bad element. */
  static InvalidJsonException locate(Object value, InvalidJsonException e) {
    try {
      copy(value, "$");
    } catch (InvalidJsonException located) {
      return located;
    }
    return e;
  }
}
