package dev.cutover.audit;

import dev.cutover.json.CanonicalJson;
import dev.cutover.json.CanonicalJsonWriter;
import dev.cutover.json.InvalidJsonException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes and decodes log entries (format v1). The hash input is the canonical entry without its
 * {@code hash} member; because members sort as actor, data, hash, prev, ..., the line is that
 * input with {@code ,"hash":"<hex>"} inserted right after the data. Not thread-safe: one codec per
 * thread or under a lock.
 */
final class AuditEntryCodec {
  static final byte[] ACTOR = ascii("{\"actor\":");
  static final byte[] DATA = ascii(",\"data\":");
  static final byte[] TYPE = ascii("\"type\":");
  static final byte[] V1 = ascii(",\"v\":1}");
  private static final byte[] PREV = ascii(",\"prev\":");
  private static final byte[] SEQ = ascii(",\"seq\":");
  private static final byte[] STATE = ascii("\"state\":");
  private static final byte[] TIME = ascii("\"time\":\"");
  private static final byte[] HASH = ascii(",\"hash\":\"");
  private static final int HASH_MEMBER = HASH.length + 2 * Hash.LENGTH + 1;
  private static final byte[] HEX = ascii("0123456789abcdef");
  private static final Set<String> REQUIRED = Set.of("v", "seq", "time", "type", "actor", "data", "prev", "hash");
  private static final List<String> ORDER = List.of("actor", "data", "hash", "prev", "seq", "state", "time", "type", "v");

  private final CanonicalJsonWriter w = new CanonicalJsonWriter(512);
  private final MessageDigest sha = Hash.sha256();
  private int split;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Writes the entry without its hash into the writer and returns the entry hash. */
  private byte[] encodeUnhashed(AuditEvent ev, long seq, long epochMilli, Hash prev) {
    w.reset();
    w.raw(ev.head);
    split = w.size();
    w.raw(PREV).hexString(prev.raw()).raw(SEQ).number(seq).raw(',');
    Hash state = ev.stateOrNull();
    if (state != null) {
      w.raw(STATE).hexString(state.raw()).raw(',');
    }
    w.raw(TIME);
    writeTime(epochMilli);
    w.raw('"').raw(',').raw(ev.tail);
    sha.update((byte) 0);
    sha.update(w.buffer(), 0, w.size());
    return sha.digest();
  }

  private byte[] line(byte[] hash) {
    byte[] buf = w.buffer();
    int n = w.size();
    byte[] line = new byte[n + HASH_MEMBER];
    System.arraycopy(buf, 0, line, 0, split);
    int p = split;
    System.arraycopy(HASH, 0, line, p, HASH.length);
    p += HASH.length;
    for (byte b : hash) {
      line[p++] = HEX[(b >> 4) & 0xf];
      line[p++] = HEX[b & 0xf];
    }
    line[p++] = '"';
    System.arraycopy(buf, split, line, p, n - split);
    return line;
  }

  /**
   * Encodes a new entry. The line is written once, straight into its own array with a gap for the
   * hash member, hashed around the gap, and the gap filled in: the same bytes as {@link
   * #encodeUnhashed} and {@link #line} (the reference, which {@link #decode} uses), without the
   * intermediate buffer and its copy.
   */
  AuditEntry encode(AuditEvent ev, long seq, Instant time, Hash prev) {
    long ms = time.toEpochMilli();
    checkTime(ms, time);
    byte[] hash;
    byte[] line;
    if (seq < 0 || seq > CanonicalJson.MAX_SAFE_INTEGER) {
      // outside the number rule: the reference path refuses it with the writer's exception
      hash = encodeUnhashed(ev, seq, ms, prev);
      line = line(hash);
    } else {
      byte[] head = ev.head;
      byte[] tail = ev.tail;
      Hash state = ev.stateOrNull();
      int seqDigits = decimalLength(seq);
      int n = head.length + HASH_MEMBER + PREV.length + HEX_STRING + SEQ.length + seqDigits + 1
          + (state == null ? 0 : STATE.length + HEX_STRING + 1) + TIME.length + 24 + 2 + tail.length;
      line = new byte[n];
      System.arraycopy(head, 0, line, 0, head.length);
      int gap = head.length;
      int p = put(line, gap + HASH_MEMBER, PREV);
      p = hexString(line, p, prev.raw());
      p = put(line, p, SEQ);
      p += seqDigits;
      putDecimal(line, p, seq, seqDigits);
      line[p++] = ',';
      if (state != null) {
        p = put(line, p, STATE);
        p = hexString(line, p, state.raw());
        line[p++] = ',';
      }
      p = put(line, p, TIME);
      p = put(line, p, timeText(ms));
      line[p++] = '"';
      line[p++] = ',';
      put(line, p, tail);
      sha.update((byte) 0);
      sha.update(line, 0, gap);
      sha.update(line, gap + HASH_MEMBER, n - gap - HASH_MEMBER);
      hash = sha.digest();
      p = put(line, gap, HASH);
      p = hex(line, p, hash);
      line[p] = '"';
    }
    // a clock that already ticks in whole milliseconds needs no truncated copy
    Instant at = time.getNano() % 1_000_000 == 0 ? time : Instant.ofEpochMilli(ms);
    return new AuditEntry(seq, at, ev, prev, Hash.wrap(hash), line);
  }

  /** A hex string member value: a quote, 64 hex digits, a quote. */
  private static final int HEX_STRING = 2 * Hash.LENGTH + 2;

  private static int put(byte[] dst, int p, byte[] src) {
    System.arraycopy(src, 0, dst, p, src.length);
    return p + src.length;
  }

  private static int hex(byte[] dst, int p, byte[] bytes) {
    for (byte b : bytes) {
      dst[p++] = HEX[(b >> 4) & 0xf];
      dst[p++] = HEX[b & 0xf];
    }
    return p;
  }

  private static int hexString(byte[] dst, int p, byte[] bytes) {
    dst[p++] = '"';
    p = hex(dst, p, bytes);
    dst[p++] = '"';
    return p;
  }

  static int decimalLength(long v) {
    int n = 1;
    while (v >= 10) {
      v /= 10;
      n++;
    }
    return n;
  }

  /** Writes v as {@code digits} decimal digits ending just before {@code end}. */
  private static void putDecimal(byte[] dst, int end, long v, int digits) {
    for (int i = end - 1; i >= end - digits; i--) {
      dst[i] = (byte) ('0' + v % 10);
      v /= 10;
    }
  }

  static void checkTime(long ms, Instant time) {
    if (ms < MIN_MS || ms > MAX_MS) {
      throw new IllegalArgumentException("clock time " + time + " is outside the years 0000-9999 that an entry can record");
    }
  }

  private static final long MIN_MS = LocalDate.of(0, 1, 1).toEpochDay() * 86_400_000L;
  private static final long MAX_MS = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400_000L + 86_399_999L;

  // the time text of the last millisecond written: appends in the same millisecond reuse it
  private final byte[] timeText = new byte[24];
  private long timeTextMs = Long.MIN_VALUE;

  private void writeTime(long ms) {
    w.raw(timeText(ms));
  }

  /** The 24 characters of the time, e.g. {@code 2026-11-21T10:15:30.123Z}; valid until the next call. */
  byte[] timeText(long ms) {
    byte[] t = timeText;
    if (ms != timeTextMs) {
      long day = Math.floorDiv(ms, 86_400_000L);
      int msOfDay = (int) Math.floorMod(ms, 86_400_000L);
      LocalDate d = LocalDate.ofEpochDay(day);
      put(t, 0, d.getYear(), 4);
      t[4] = '-';
      put(t, 5, d.getMonthValue(), 2);
      t[7] = '-';
      put(t, 8, d.getDayOfMonth(), 2);
      t[10] = 'T';
      put(t, 11, msOfDay / 3_600_000, 2);
      t[13] = ':';
      put(t, 14, msOfDay / 60_000 % 60, 2);
      t[16] = ':';
      put(t, 17, msOfDay / 1000 % 60, 2);
      t[19] = '.';
      put(t, 20, msOfDay % 1000, 3);
      t[23] = 'Z';
      timeTextMs = ms;
    }
    return t;
  }

  private static void put(byte[] t, int at, int v, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      t[at + i] = (byte) ('0' + v % 10);
      v /= 10;
    }
  }

  /**
   * Reads one line (without its newline) into an entry, checking it as {@link #decode} does but in
   * one pass: {@link CanonicalLine} checks the canonical form and the hash over the line's own
   * bytes, and the entry is built from those verified bytes (the data parsed once, nothing
   * serialised again). A line the one-pass check refuses goes to {@link #decode}, which throws the
   * reason.
   */
  AuditEntry read(byte[] in, int off, int len, long expectedSeq) {
    CanonicalLine c = scanner;
    if (c == null) {
      c = scanner = new CanonicalLine();
    }
    if (!c.scan(in, off, len)) {
      return decode(in, off, len, expectedSeq);
    }
    String actor = c.actorPlain
        ? new String(in, c.actorStart + 1, c.actorEnd - c.actorStart - 2, StandardCharsets.ISO_8859_1)
        : (String) CanonicalJson.parse(in, c.actorStart, c.actorEnd - c.actorStart);
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) CanonicalJson.parse(in, c.dataStart, c.dataEnd - c.dataStart);
    String type = new String(in, c.typeStart, c.typeEnd - c.typeStart, StandardCharsets.ISO_8859_1);
    int end = off + len;
    AuditEvent ev = AuditEvent.ofCanonical(type, actor, data, c.hasState ? Hash.wrap(c.state.clone()) : null,
        Arrays.copyOfRange(in, off, c.dataEnd), Arrays.copyOfRange(in, c.tailStart, end));
    long ms = CanonicalLine.timeMillis(in, c.timeStart);
    return new AuditEntry(c.seq, Instant.ofEpochMilli(ms), ev, Hash.wrap(c.prev.clone()), Hash.wrap(c.hash.clone()),
        Arrays.copyOfRange(in, off, end));
  }

  private CanonicalLine scanner;

  /**
   * Decodes one line (without its newline): checks that it is valid JSON with exactly the v1
   * fields, that it is canonical, and that its hash recomputes. This is the reference: it parses
   * the line, serialises the entry again and compares the bytes.
   */
  AuditEntry decode(byte[] in, int off, int len, long expectedSeq) {
    Object parsed;
    try {
      parsed = CanonicalJson.parse(in, off, len);
    } catch (InvalidJsonException e) {
      throw new InvalidEntryException(expectedSeq, LogVerification.Reason.MALFORMED, "line is not a valid entry: " + e.getMessage());
    }
    if (!(parsed instanceof Map)) {
      throw bad(expectedSeq, "line is not a JSON object");
    }
    Map<?, ?> m = (Map<?, ?>) parsed;
    for (Object k : m.keySet()) {
      if (!ORDER.contains(k)) {
        throw bad(expectedSeq, "unknown field '" + k + "'");
      }
    }
    for (String k : REQUIRED) {
      if (!m.containsKey(k)) {
        throw bad(expectedSeq, "missing field '" + k + "'");
      }
    }
    Object v = m.get("v");
    if (!Long.valueOf(1).equals(v)) {
      throw new InvalidEntryException(expectedSeq, LogVerification.Reason.UNSUPPORTED_VERSION, "format version " + v + " is not supported (expected 1)");
    }
    long seq = number(m, "seq", expectedSeq);
    String timeText = string(m, "time", expectedSeq);
    long ms = parseTime(timeText, expectedSeq);
    String type = string(m, "type", expectedSeq);
    String actor = string(m, "actor", expectedSeq);
    Object data = m.get("data");
    if (!(data instanceof Map)) {
      throw bad(expectedSeq, "field 'data' must be an object");
    }
    Hash prev = hex(m, "prev", expectedSeq);
    Hash claimed = hex(m, "hash", expectedSeq);
    Hash state = m.containsKey("state") ? hex(m, "state", expectedSeq) : null;
    @SuppressWarnings("unchecked")
    Map<String, Object> dataMap = (Map<String, Object>) data;
    AuditEvent ev;
    try {
      ev = AuditEvent.ofParsed(type, actor, dataMap);
    } catch (IllegalArgumentException | InvalidJsonException e) {
      throw bad(expectedSeq, e.getMessage());
    }
    if (state != null) {
      ev = ev.withState(state);
    }
    byte[] hash = encodeUnhashed(ev, seq, ms, prev);
    byte[] line = line(claimed.raw());
    if (!Arrays.equals(line, 0, line.length, in, off, off + len)) {
      throw new InvalidEntryException(expectedSeq, LogVerification.Reason.NOT_CANONICAL, "line is not in canonical form (RFC 8785)");
    }
    if (!Arrays.equals(hash, claimed.raw())) {
      throw new InvalidEntryException(
          expectedSeq, LogVerification.Reason.HASH_MISMATCH, "hash " + claimed.hex() + " does not match the entry, which hashes to " + Hash.wrap(hash).hex());
    }
    return new AuditEntry(seq, Instant.ofEpochMilli(ms), ev, prev, claimed, line);
  }

  private static InvalidEntryException bad(long seq, String message) {
    return new InvalidEntryException(seq, LogVerification.Reason.MALFORMED, message);
  }

  private static long number(Map<?, ?> m, String k, long seq) {
    Object o = m.get(k);
    if (!(o instanceof Long) || (Long) o < 0) {
      throw bad(seq, "field '" + k + "' must be a non-negative integer, found " + o);
    }
    return (Long) o;
  }

  private static String string(Map<?, ?> m, String k, long seq) {
    Object o = m.get(k);
    if (!(o instanceof String)) {
      throw bad(seq, "field '" + k + "' must be a string, found " + o);
    }
    return (String) o;
  }

  private static Hash hex(Map<?, ?> m, String k, long seq) {
    String s = string(m, k, seq);
    if (!Hash.isHex(s)) {
      throw bad(seq, "field '" + k + "' must be 64 lower-case hex digits, found '" + s + "'");
    }
    return Hash.fromHex(s);
  }

  static long parseTime(String t, long seq) {
    if (t.length() != 24 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
        || t.charAt(16) != ':' || t.charAt(19) != '.' || t.charAt(23) != 'Z') {
      throw bad(seq, "field 'time' must be RFC 3339 UTC with milliseconds, e.g. 2026-11-21T10:15:30.123Z, found '" + t + "'");
    }
    try {
      int y = digits(t, 0, 4);
      int mo = digits(t, 5, 2);
      int d = digits(t, 8, 2);
      int h = digits(t, 11, 2);
      int mi = digits(t, 14, 2);
      int s = digits(t, 17, 2);
      int ms = digits(t, 20, 3);
      if (h > 23 || mi > 59 || s > 59) {
        throw new DateTimeException("time of day out of range");
      }
      return LocalDate.of(y, mo, d).toEpochDay() * 86_400_000L + h * 3_600_000L + mi * 60_000L + s * 1000L + ms;
    } catch (DateTimeException | NumberFormatException e) {
      throw bad(seq, "field 'time' is not a valid time: '" + t + "'");
    }
  }

  private static int digits(String t, int at, int n) {
    int v = 0;
    for (int i = at; i < at + n; i++) {
      char c = t.charAt(i);
      if (c < '0' || c > '9') {
        throw new NumberFormatException(t);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
