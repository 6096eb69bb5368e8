package dev.cutover.migration;

import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evidence is what a step or a check returns for the audit log: a map from names to strings,
 * booleans, integral numbers (absolute value at most 2^53 - 1), and lists and maps of these. No
 * floating point: write decimals and money as strings. Thread-safe (stateless).
 */
public final class Evidence {
  /** The largest integer that the audit log format accepts: 2^53 - 1. */
  public static final long MAX_INTEGER = (1L << 53) - 1;

  private Evidence() {}

  /**
   * Builds evidence from alternating names and values.
   *
   * @param namesAndValues {@code name1, value1, name2, value2, ...}
   * @return an immutable, name-ordered map
   * @throws IllegalArgumentException if a name is not a string, the count is odd, or a value is
   *     not allowed
   */
  public static Map<String, Object> of(Object... namesAndValues) {
    Objects.requireNonNull(namesAndValues, "namesAndValues");
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "evidence needs name/value pairs, got " + namesAndValues.length + " arguments");
    }
    TreeMap<String, Object> m = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (!(namesAndValues[i] instanceof String)) {
        throw new IllegalArgumentException(
            "evidence name at position " + i + " must be a string, was " + namesAndValues[i]);
      }
      String name = (String) namesAndValues[i];
      m.put(name, checkEntry("", name, namesAndValues[i + 1]));
    }
    return new Checked(m);
  }

  /**
   * Checks evidence and returns an immutable, name-ordered copy in which every integral number
   * is a {@link Long}.
   *
   * @param evidence the evidence
   * @return the checked copy
   * @throws NullPointerException if {@code evidence}, a name or a value is null
   * @throws IllegalArgumentException naming the first value that is not allowed
   */
  public static Map<String, Object> check(Map<String, ?> evidence) {
    Objects.requireNonNull(evidence, "evidence");
    if (evidence instanceof Checked) {
      return (Checked) evidence; // checked and immutable already
    }
    return checkMap("", evidence);
  }

  private static Map<String, Object> checkMap(String path, Map<?, ?> m) {
    if (m instanceof Checked) {
      return (Checked) m;
    }
    TreeMap<String, Object> out = new TreeMap<>();
    for (Map.Entry<?, ?> e : m.entrySet()) {
      if (!(e.getKey() instanceof String)) {
        throw new IllegalArgumentException(
            "evidence name " + path + e.getKey() + " must be a string");
      }
      String key = (String) e.getKey();
      out.put(key, checkEntry(path, key, e.getValue()));
    }
    return new Checked(out);
  }

  /**
   * Checks one named value. The value's full name is only built where it is needed: nested values
   * and errors.
   */
  private static Object checkEntry(String path, String key, Object v) {
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Long || v instanceof Integer) {
      long x = ((Number) v).longValue();
      if (x <= MAX_INTEGER && x >= -MAX_INTEGER) {
        return x;
      }
    }
    return checkValue(path + key, v);
  }

  private static Object checkValue(String name, Object v) {
    if (v == null) {
      throw new NullPointerException("evidence '" + name + "' is null");
    }
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return checkRange(name, ((Number) v).longValue());
    }
    if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      if (b.bitLength() > 53) {
        throw outOfRange(name, b.toString());
      }
      return checkRange(name, b.longValue());
    }
    if (v instanceof Number) {
      throw new IllegalArgumentException(
          "evidence '" + name + "' is a non-integral number " + v
              + " (" + v.getClass().getSimpleName() + "); write decimals as strings");
    }
    if (v instanceof Map) {
      return checkMap(name + ".", (Map<?, ?>) v);
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      int i = 0;
      for (Object o : (List<?>) v) {
        out.add(checkValue(name + "[" + i++ + "]", o));
      }
      return Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(
        "evidence '" + name + "' has unsupported type " + v.getClass().getName()
            + " (expected string, boolean, integral number, list or map)");
  }

  /** A checked, immutable, name-ordered evidence map; checking it again returns it as it is. */
  private static final class Checked extends AbstractMap<String, Object> {
    private final Map<String, Object> map;

    Checked(TreeMap<String, Object> map) {
      this.map = Collections.unmodifiableMap(map);
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return map.entrySet();
    }

    @Override
    public Object get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }
  }

  private static Long checkRange(String name, long v) {
    if (v > MAX_INTEGER || v < -MAX_INTEGER) {
      throw outOfRange(name, Long.toString(v));
    }
    return v;
  }

  private static IllegalArgumentException outOfRange(String name, String v) {
    return new IllegalArgumentException(
        "evidence '" + name + "' is " + v + ", outside +-(2^53 - 1); write it as a string");
  }
}
