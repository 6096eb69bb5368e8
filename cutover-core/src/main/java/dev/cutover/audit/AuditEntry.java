package dev.cutover.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an audit log (format v1): an event with its position {@code seq}, the {@code time}
 * it was appended, the {@code prev} hash that links it to the entry before, and its own {@code
 * hash}, which is also its RFC 9162 Merkle leaf hash.
 *
 * <p>Entries are made only by a log (on append) or by {@link #parse}, which checks the canonical
 * form and the hash, so an {@code AuditEntry} is always internally consistent. Immutable and
 * thread-safe.
 */
public final class AuditEntry {
  /** The format version this class reads and writes. */
  public static final int VERSION = 1;

  private final long seq;
  private final Instant time;
  private final AuditEvent event;
  private final Hash prev;
  private final Hash hash;
  private final byte[] line;

  AuditEntry(long seq, Instant time, AuditEvent event, Hash prev, Hash hash, byte[] line) {
    this.seq = seq;
    this.time = time;
    this.event = event;
    this.prev = prev;
    this.hash = hash;
    this.line = line;
  }

  /**
   * Parses and checks one canonical line (without its newline): the v1 fields, the canonical form
   * and the hash. It does not check the link to other entries.
   *
   * @param line the UTF-8 bytes of the line
   * @return the entry
   * @throws InvalidEntryException if the line is malformed, not canonical, or its hash does not
   *     recompute; {@link InvalidEntryException#reason()} says which
   */
  public static AuditEntry parse(byte[] line) {
    Objects.requireNonNull(line, "line");
    return new AuditEntryCodec().decode(line, 0, line.length, -1);
  }

  /**
   * Parses and checks one canonical line; see {@link #parse(byte[])}.
   *
   * @param line the line, without its newline
   * @return the entry
   * @throws InvalidEntryException if the line is not a valid entry
   */
  public static AuditEntry parse(String line) {
    Objects.requireNonNull(line, "line");
    return parse(line.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the format version.
   *
   * @return 1
   */
  public int version() {
    return VERSION;
  }

  /**
   * Returns the position in the log, 0-based.
   *
   * @return the seq
   */
  public long seq() {
    return seq;
  }

  /**
   * Returns when the entry was appended, to the millisecond, from the log's clock.
   *
   * @return the time
   */
  public Instant time() {
    return time;
  }

  /**
   * Returns the event type.
   *
   * @return e.g. {@code task.started}
   */
  public String type() {
    return event.type();
  }

  /**
   * Returns who or what caused the event.
   *
   * @return the actor
   */
  public String actor() {
    return event.actor();
  }

  /**
   * Returns the payload, an immutable sorted map.
   *
   * @return the data
   */
  public Map<String, Object> data() {
    return event.data();
  }

  /**
   * Returns the digest of the state after this event, if recorded.
   *
   * @return the state digest
   */
  public Optional<Hash> state() {
    return event.state();
  }

  /**
   * Returns the event this entry records.
   *
   * @return the event
   */
  public AuditEvent event() {
    return event;
  }

  /**
   * Returns the hash of the entry at {@code seq - 1}, or {@link Hash#ZERO} for seq 0.
   *
   * @return the previous hash
   */
  public Hash prev() {
    return prev;
  }

  /**
   * Returns SHA-256(0x00 ‖ JCS(entry without its hash)): the chain link and the Merkle leaf hash.
   *
   * @return the hash
   */
  public Hash hash() {
    return hash;
  }

  /**
   * Returns the canonical JSON of the entry, without a trailing newline: exactly one line of the
   * JSON Lines file.
   *
   * @return a copy of the canonical bytes
   */
  public byte[] canonicalBytes() {
    return line.clone();
  }

  int lineLength() {
    return line.length;
  }

  void copyLine(byte[] dst, int off) {
    System.arraycopy(line, 0, dst, off, line.length);
  }

  /**
   * Returns the canonical JSON of the entry as text.
   *
   * @return the line, without a trailing newline
   */
  public String toJson() {
    return new String(line, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEntry && Arrays.equals(line, ((AuditEntry) o).line);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  /** Returns the canonical JSON. */
  @Override
  public String toString() {
    return toJson();
  }
}
