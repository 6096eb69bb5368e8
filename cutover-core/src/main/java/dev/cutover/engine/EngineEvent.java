package dev.cutover.engine;

import java.util.Map;
import java.util.Objects;

/**
 * One event of a cutover run as the engine logs it: the {@code type}, {@code actor} and {@code
 * data} of an audit log entry. Immutable.
 *
 * @param type the dotted lower-case event type, such as {@code task.completed}
 * @param actor who or what caused it
 * @param data the payload, as JSON values (strings, booleans, integral numbers, lists, maps)
 */
public record EngineEvent(String type, String actor, Map<String, Object> data) {
  /**
   * Checks the components.
   *
   * @throws NullPointerException if a component is null
   */
  public EngineEvent {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(data, "data");
    data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
  }

  /**
   * Returns a string member of the data.
   *
   * @param key the member name
   * @return its value
   * @throws IllegalArgumentException if it is missing or not a string
   */
  public String string(String key) {
    Object v = data.get(key);
    if (!(v instanceof String)) {
      throw new IllegalArgumentException(
          "event '" + type + "' needs a string member '" + key + "', got " + v);
    }
    return (String) v;
  }

  /**
   * Returns a string member of the data, or a default.
   *
   * @param key the member name
   * @param fallback the value when the member is missing
   * @return its value
   */
  public String string(String key, String fallback) {
    Object v = data.get(key);
    return v instanceof String ? (String) v : fallback;
  }
}
