package dev.cutover.audit;

import dev.cutover.json.CanonicalJson;
import dev.cutover.json.CanonicalJsonWriter;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened, before the log gives it a position: a dotted lower-case {@code type}, the {@code
 * actor} that caused it, a {@code data} payload, and optionally the digest of the state after it.
 *
 * <p>The payload is a map of strings, booleans, integral numbers within ±(2<sup>53</sup> - 1),
 * {@code null}s, lists and maps; it is checked and deep-copied when the event is made, so a bad
 * payload is refused here, before it reaches a log, with an exception naming the path of the bad
 * value (e.g. {@code $.data.rows[3].amount}).
 *
 * <p>Immutable and thread-safe.
 */
public final class AuditEvent {
  /** Dotted lower case: segments of [a-z][a-z0-9_-]*, separated by single dots. */
  private static boolean isType(String t) {
    boolean segmentStart = true;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (segmentStart) {
        if (c < 'a' || c > 'z') {
          return false;
        }
        segmentStart = false;
      } else if (c == '.') {
        segmentStart = true;
      } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) {
        return false;
      }
    }
    return !segmentStart;
  }

  private final String type;
  private final String actor;
  private final Map<String, Object> data;
  private final Hash state;
  // canonical bytes of {"actor":...,"data":{...}  and  "type":...,"v":1}
  final byte[] head;
  final byte[] tail;

  private AuditEvent(String type, String actor, Map<String, Object> data, Hash state, byte[] head, byte[] tail) {
    this.type = type;
    this.actor = actor;
    this.data = data;
    this.state = state;
    this.head = head;
    this.tail = tail;
  }

  /**
   * Makes an event.
   *
   * @param type the event type, dotted lower case, e.g. {@code task.started}
   * @param actor who or what caused the event, non-empty
   * @param data the payload
   * @return the event
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the type or actor is malformed
   * @throws dev.cutover.json.InvalidJsonException if the payload holds an unsupported value,
   *     naming its path ({@link dev.cutover.json.UnsupportedNumberException} for numbers)
   */
  public static AuditEvent of(String type, String actor, Map<String, ?> data) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(data, "data");
    if (!isType(type)) {
      throw new IllegalArgumentException(
          "event type '" + type + "' must be dotted lower case, e.g. 'task.started'");
    }
    if (actor.isEmpty()) {
      throw new IllegalArgumentException("actor of event '" + type + "' must not be empty");
    }
    CanonicalJson.copyOf(Map.of("actor", actor, "type", type), "$");
    return build(type, actor, CanonicalJson.copyOf(data, "$.data"));
  }

  /** For data that is already an immutable sorted tree of valid values (from the JSON parser). */
  static AuditEvent ofParsed(String type, String actor, Map<String, Object> data) {
    if (!isType(type)) {
      throw new IllegalArgumentException(
          "event type '" + type + "' must be dotted lower case, e.g. 'task.started'");
    }
    if (actor.isEmpty()) {
      throw new IllegalArgumentException("actor of event '" + type + "' must not be empty");
    }
    return build(type, actor, data);
  }

  /**
   * For an event read from a line that {@link CanonicalLine} verified: the data is the parse of
   * canonical bytes, and head and tail are those bytes themselves, so nothing is serialised again.
   */
  static AuditEvent ofCanonical(String type, String actor, Map<String, Object> data, Hash state, byte[] head, byte[] tail) {
    return new AuditEvent(type, actor, data, state, head, tail);
  }

  private static AuditEvent build(String type, String actor, Map<String, Object> copy) {
    CanonicalJsonWriter w = new CanonicalJsonWriter(128);
    w.raw(AuditEntryCodec.ACTOR).string(actor).raw(AuditEntryCodec.DATA).value(copy);
    byte[] head = w.toByteArray();
    w.reset();
    w.raw(AuditEntryCodec.TYPE).string(type).raw(AuditEntryCodec.V1);
    return new AuditEvent(type, actor, copy, null, head, w.toByteArray());
  }

  /**
   * Returns this event with the digest of the state after it.
   *
   * @param stateDigest SHA-256 of the canonical state after this event
   * @return a new event
   */
  public AuditEvent withState(Hash stateDigest) {
    Objects.requireNonNull(stateDigest, "stateDigest");
    return new AuditEvent(type, actor, data, stateDigest, head, tail);
  }

  /**
   * Returns the event type.
   *
   * @return e.g. {@code task.started}
   */
  public String type() {
    return type;
  }

  /**
   * Returns who or what caused the event.
   *
   * @return the actor
   */
  public String actor() {
    return actor;
  }

  /**
   * Returns the payload, an immutable sorted map.
   *
   * @return the data
   */
  public Map<String, Object> data() {
    return data;
  }

  /**
   * Returns the digest of the state after this event, if the event carries one.
   *
   * @return the state digest
   */
  public Optional<Hash> state() {
    return Optional.ofNullable(state);
  }

  Hash stateOrNull() {
    return state;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AuditEvent)) {
      return false;
    }
    AuditEvent e = (AuditEvent) o;
    return type.equals(e.type) && actor.equals(e.actor) && data.equals(e.data) && Objects.equals(state, e.state);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, actor, data, state);
  }

  @Override
  public String toString() {
    return "AuditEvent[type=" + type + ", actor=" + actor + ", data=" + data + (state == null ? "" : ", state=" + state) + "]";
  }
}
