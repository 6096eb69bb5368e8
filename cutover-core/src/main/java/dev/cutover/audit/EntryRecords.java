package dev.cutover.audit;

import java.nio.charset.StandardCharsets;

/**
 * The compact record in which {@link InMemoryAuditStore} keeps an entry: the canonical line less
 * everything that format v1 fixes or that the store can supply, and the rebuilding of the exact
 * line from it.
 *
 * <p>A v1 line is
 *
 * <pre>{@code
 * {"actor":B,"hash":"H","prev":"P","seq":N,["state":"S",]"time":"T","type":"Y","v":1}
 * }</pre>
 *
 * <p>where B is the actor and data, {@code "engine","data":{...}}, exactly as the event's canonical
 * head has them, and the state member is optional. The record is
 *
 * <pre>
 * varint(|B| &lt;&lt; 1 | hasState) ‖ B ‖ T as 8 bytes of epoch milliseconds ‖ [S as 32 bytes] ‖ Y ‖ H as 32 bytes
 * </pre>
 *
 * <p>N is the entry's position and P the previous record's H (zero for seq 0), so neither is kept;
 * the member names and punctuation are fixed. For a typical 410-byte line the record is about 240
 * bytes.
 */
final class EntryRecords {
  private static final byte[] ACTOR = ascii("{\"actor\":");
  private static final byte[] HASH = ascii(",\"hash\":\"");
  private static final byte[] PREV = ascii("\",\"prev\":\"");
  private static final byte[] SEQ = ascii("\",\"seq\":");
  private static final byte[] STATE = ascii("\"state\":\"");
  private static final byte[] STATE_END = ascii("\",");
  private static final byte[] TIME = ascii("\"time\":\"");
  private static final byte[] TYPE = ascii("\",\"type\":\"");
  private static final byte[] V1 = ascii("\",\"v\":1}");
  /** An event's tail is the type Y between {@code "type":"} (this long) and {@link #V1}. */
  private static final int TYPE_PREFIX = ascii("\"type\":\"").length;
  private static final int TYPE_SUFFIX = V1.length;
  private static final byte[] HEX = ascii("0123456789abcdef");
  private static final int HEX_LENGTH = 2 * Hash.LENGTH;
  private static final int TIME_LENGTH = 24;

  private EntryRecords() {}

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Returns the length of the entry's record. */
  static int length(AuditEntry entry) {
    AuditEvent ev = entry.event();
    int body = ev.head.length - ACTOR.length;
    int type = ev.tail.length - TYPE_PREFIX - TYPE_SUFFIX;
    return varintLength(body << 1) + body + Long.BYTES + (ev.stateOrNull() == null ? 0 : Hash.LENGTH) + type + Hash.LENGTH;
  }

  /** Writes the entry's record at {@code at}, {@link #length} bytes. */
  static void write(AuditEntry entry, byte[] dst, int at) {
    AuditEvent ev = entry.event();
    byte[] head = ev.head;
    byte[] tail = ev.tail;
    Hash state = ev.stateOrNull();
    int body = head.length - ACTOR.length;
    int p = putVarint(dst, at, body << 1 | (state == null ? 0 : 1));
    System.arraycopy(head, ACTOR.length, dst, p, body);
    p += body;
    long ms = entry.time().toEpochMilli();
    for (int i = Long.BYTES - 1; i >= 0; i--) {
      dst[p + i] = (byte) ms;
      ms >>= 8;
    }
    p += Long.BYTES;
    if (state != null) {
      System.arraycopy(state.raw(), 0, dst, p, Hash.LENGTH);
      p += Hash.LENGTH;
    }
    int type = tail.length - TYPE_PREFIX - TYPE_SUFFIX;
    System.arraycopy(tail, TYPE_PREFIX, dst, p, type);
    p += type;
    System.arraycopy(entry.hash().raw(), 0, dst, p, Hash.LENGTH);
  }

  /**
   * Rebuilds lines from records, into a buffer it reuses, and decodes them. Not thread-safe: one
   * reader at a time.
   */
  static final class Reader {
    private static final byte[] ZERO = new byte[Hash.LENGTH];

    private final AuditEntryCodec codec = new AuditEntryCodec();
    private byte[] line = new byte[512];

    /**
     * Returns the entry at {@code seq} whose record is {@code chunk[start, end)}; the previous
     * entry's record ends at {@code prevEnd} in {@code prevChunk}, which is null for seq 0.
     */
    AuditEntry entry(long seq, byte[] chunk, int start, int end, byte[] prevChunk, int prevEnd) {
      int v = 0;
      int p = start;
      for (int shift = 0; ; shift += 7) {
        byte b = chunk[p++];
        v |= (b & 0x7f) << shift;
        if (b >= 0) {
          break;
        }
      }
      int body = v >>> 1;
      boolean hasState = (v & 1) != 0;
      int bodyAt = p;
      int timeAt = bodyAt + body;
      int stateAt = timeAt + Long.BYTES;
      int typeAt = stateAt + (hasState ? Hash.LENGTH : 0);
      int hashAt = end - Hash.LENGTH;
      int type = hashAt - typeAt;
      long ms = 0;
      for (int i = 0; i < Long.BYTES; i++) {
        ms = ms << 8 | (chunk[timeAt + i] & 0xff);
      }
      int digits = AuditEntryCodec.decimalLength(seq);
      int len = ACTOR.length + body + HASH.length + HEX_LENGTH + PREV.length + HEX_LENGTH + SEQ.length + digits + 1
          + (hasState ? STATE.length + HEX_LENGTH + STATE_END.length : 0) + TIME.length + TIME_LENGTH + TYPE.length + type + V1.length;
      if (line.length < len) {
        line = new byte[Math.max(len, 2 * line.length)];
      }
      byte[] l = line;
      int q = put(l, 0, ACTOR);
      System.arraycopy(chunk, bodyAt, l, q, body);
      q += body;
      q = put(l, q, HASH);
      q = hex(l, q, chunk, hashAt);
      q = put(l, q, PREV);
      q = prevChunk == null ? hex(l, q, ZERO, 0) : hex(l, q, prevChunk, prevEnd - Hash.LENGTH);
      q = put(l, q, SEQ);
      q += digits;
      long s = seq;
      for (int i = q - 1; i >= q - digits; i--) {
        l[i] = (byte) ('0' + s % 10);
        s /= 10;
      }
      l[q++] = ',';
      if (hasState) {
        q = put(l, q, STATE);
        q = hex(l, q, chunk, stateAt);
        q = put(l, q, STATE_END);
      }
      q = put(l, q, TIME);
      q = put(l, q, codec.timeText(ms));
      q = put(l, q, TYPE);
      System.arraycopy(chunk, typeAt, l, q, type);
      q += type;
      put(l, q, V1);
      return codec.read(l, 0, len, seq);
    }

    private static int put(byte[] dst, int q, byte[] src) {
      System.arraycopy(src, 0, dst, q, src.length);
      return q + src.length;
    }

    private static int hex(byte[] dst, int q, byte[] src, int at) {
      for (int i = at; i < at + Hash.LENGTH; i++) {
        dst[q++] = HEX[(src[i] >> 4) & 0xf];
        dst[q++] = HEX[src[i] & 0xf];
      }
      return q;
    }
  }

  static int varintLength(int v) {
    int n = 1;
    while ((v >>>= 7) != 0) {
      n++;
    }
    return n;
  }

  private static int putVarint(byte[] b, int p, int v) {
    while ((v & ~0x7f) != 0) {
      b[p++] = (byte) ((v & 0x7f) | 0x80);
      v >>>= 7;
    }
    b[p++] = (byte) v;
    return p;
  }
}
