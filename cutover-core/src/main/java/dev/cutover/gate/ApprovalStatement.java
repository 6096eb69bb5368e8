package dev.cutover.gate;

import dev.cutover.json.CanonicalJson;
import dev.cutover.json.InvalidJsonException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The statement an approver signs (ARCHITECTURE.md, "Approvals", normative): it binds the approver
 * to one gate of one plan of one cutover at one observed state of the log, for one decision, until
 * it expires. The signed bytes are the RFC 8785 canonical JSON of
 * {@code {"cutover","decision","expires","gate","log_root","log_size","plan"}}.
 *
 * @param cutover the cutover's id
 * @param decision the decision approved
 * @param expires the first instant at which the approval no longer counts
 * @param gate the gate's id
 * @param logSize the size of the log the approver saw
 * @param logRoot lower-case hex RFC 9162 root of the first {@code logSize} entries
 * @param plan the plan's digest, lower-case hex
 */
public record ApprovalStatement(
    String cutover,
    ApprovalDecision decision,
    Instant expires,
    String gate,
    long logSize,
    String logRoot,
    String plan) {
  private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
  private static final Set<String> MEMBERS =
      Set.of("cutover", "decision", "expires", "gate", "log_root", "log_size", "plan");

  /**
   * Checks the statement.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code logSize} is negative or out of JSON's integer range,
   *     or {@code logRoot} or {@code plan} is not 64 lower-case hex digits
   */
  public ApprovalStatement {
    Objects.requireNonNull(cutover, "cutover");
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(logRoot, "logRoot");
    Objects.requireNonNull(plan, "plan");
    if (logSize < 0 || logSize > CanonicalJson.MAX_SAFE_INTEGER) {
      throw new IllegalArgumentException("logSize must be from 0 to 2^53-1, got " + logSize);
    }
    if (!HEX64.matcher(logRoot).matches()) {
      throw new IllegalArgumentException("logRoot must be 64 lower-case hex digits, got '" + logRoot + "'");
    }
    if (!HEX64.matcher(plan).matches()) {
      throw new IllegalArgumentException("plan must be 64 lower-case hex digits, got '" + plan + "'");
    }
  }

  /**
   * The statement as a JSON object; {@code expires} written as RFC 3339 in UTC.
   *
   * @return a fresh map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cutover", cutover);
    m.put("decision", decision.name());
    m.put("expires", expires.toString());
    m.put("gate", gate);
    m.put("log_root", logRoot);
    m.put("log_size", logSize);
    m.put("plan", plan);
    return m;
  }

  /**
   * The bytes an approver signs: the canonical JSON of {@link #toMap()}.
   *
   * @return fresh UTF-8 bytes
   */
  public byte[] toBytes() {
    return CanonicalJson.toBytes(toMap());
  }

  /**
   * Reads signed statement bytes. They must be exactly canonical JSON (so that what was signed is
   * what is read) with exactly the seven members.
   *
   * @param bytes the signed bytes
   * @return the statement
   * @throws IllegalArgumentException if the bytes are not a canonical, complete statement; the
   *     message says what is wrong
   */
  public static ApprovalStatement parse(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    Object value;
    byte[] canonical;
    try {
      value = CanonicalJson.parse(bytes);
      canonical = CanonicalJson.canonicalize(bytes);
    } catch (InvalidJsonException e) {
      throw new IllegalArgumentException("statement is not valid JSON: " + e.getMessage(), e);
    }
    if (!java.util.Arrays.equals(canonical, bytes)) {
      throw new IllegalArgumentException(
          "statement is not in RFC 8785 canonical form: " + new String(bytes, StandardCharsets.UTF_8));
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("statement must be a JSON object");
    }
    if (!map.keySet().equals(MEMBERS)) {
      throw new IllegalArgumentException(
          "statement must have exactly the members " + new java.util.TreeSet<>(MEMBERS) + ", got " + map.keySet());
    }
    try {
      return new ApprovalStatement(
          string(map, "cutover"),
          ApprovalDecision.valueOf(string(map, "decision")),
          OffsetDateTime.parse(string(map, "expires")).toInstant(),
          string(map, "gate"),
          number(map, "log_size"),
          string(map, "log_root"),
          string(map, "plan"));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("statement 'expires' is not an RFC 3339 time: " + e.getParsedString(), e);
    }
  }

  private static String string(Map<?, ?> map, String key) {
    if (!(map.get(key) instanceof String s)) {
      throw new IllegalArgumentException("statement member '" + key + "' must be a string");
    }
    return s;
  }

  private static long number(Map<?, ?> map, String key) {
    if (!(map.get(key) instanceof Long l)) {
      throw new IllegalArgumentException("statement member '" + key + "' must be an integer");
    }
    return l;
  }
}
