package dev.cutover.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks and copies evidence and event data into plain JSON values. */
final class Evidence {
  static final long MAX_SAFE = (1L << 53) - 1;

  private Evidence() {}

  /**
   * Returns an immutable deep copy of a map of JSON values.
   *
   * @throws IllegalArgumentException naming the path of the first value that is not a string,
   *     boolean, integral number within 2^53 - 1, list or map with string keys
   */
  static Map<String, Object> copy(Map<?, ?> map, String path) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String)) {
        throw new IllegalArgumentException(path + " has a key that is not a string: " + e.getKey());
      }
      String key = (String) e.getKey();
      out.put(key, value(e.getValue(), path + "." + key));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  private static Object value(Object v, String path) {
    if (v == null) {
      throw new IllegalArgumentException(path + " is null; evidence holds no nulls");
    }
    if (v instanceof String || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      long n = ((Number) v).longValue();
      if (Math.abs(n) > MAX_SAFE) {
        throw new IllegalArgumentException(
            path + " is " + n + ", beyond 2^53 - 1; write large numbers as strings");
      }
      return n;
    }
    if (v instanceof BigInteger) {
      BigInteger b = (BigInteger) v;
      if (b.abs().compareTo(BigInteger.valueOf(MAX_SAFE)) > 0) {
        throw new IllegalArgumentException(
            path + " is " + b + ", beyond 2^53 - 1; write large numbers as strings");
      }
      return b.longValue();
    }
    if (v instanceof Number) {
      throw new IllegalArgumentException(
          path + " is the floating point number " + v + "; write decimals as strings");
    }
    if (v instanceof Map) {
      return copy((Map<?, ?>) v, path);
    }
    if (v instanceof List) {
      List<Object> out = new ArrayList<>();
      int i = 0;
      for (Object o : (List<?>) v) {
        out.add(value(o, path + "[" + i++ + "]"));
      }
      return java.util.Collections.unmodifiableList(out);
    }
    throw new IllegalArgumentException(
        path + " is a " + v.getClass().getName()
            + "; evidence holds strings, booleans, integral numbers, lists and maps");
  }
}
