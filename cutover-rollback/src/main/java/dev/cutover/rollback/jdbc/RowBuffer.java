package dev.cutover.rollback.jdbc;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One canonical row, reused from row to row: for each column a tag byte (0 for null, else the
 * family's tag), then for non-null values a 4-byte big-endian length and the value's bytes.
 *
 * <p>Beside the row, outside the canonical bytes and so outside the digest, it keeps the UTC
 * offset of every {@code TIMESTAMPTZ} column in order (0 for null), so that a restore can give
 * each value back its offset.
 */
final class RowBuffer {
  private byte[] buf = new byte[256];
  private int len;
  private int[] offsets = new int[4];
  private int offsetCount;

  void reset() {
    len = 0;
    offsetCount = 0;
  }

  /** Records the UTC offset, in seconds, of the next {@code TIMESTAMPTZ} column. */
  void putOffset(int seconds) {
    if (offsetCount == offsets.length) {
      offsets = Arrays.copyOf(offsets, offsetCount * 2);
    }
    offsets[offsetCount++] = seconds;
  }

  int offsetCount() {
    return offsetCount;
  }

  int offset(int i) {
    return offsets[i];
  }

  byte[] array() {
    return buf;
  }

  int length() {
    return len;
  }

  void putNull() {
    ensure(1);
    buf[len++] = 0;
  }

  void putString(byte tag, String s) {
    putBytes(tag, s.getBytes(StandardCharsets.UTF_8));
  }

  void putBytes(byte tag, byte[] v) {
    header(tag, v.length);
    System.arraycopy(v, 0, buf, len, v.length);
    len += v.length;
  }

  void putBytes(byte tag, byte[] v, int off, int length) {
    header(tag, length);
    System.arraycopy(v, off, buf, len, length);
    len += length;
  }

  void putInt(byte tag, int v) {
    header(tag, 4);
    setInt(buf, len, v);
    len += 4;
  }

  void putLong(byte tag, long v) {
    header(tag, 8);
    setInt(buf, len, (int) (v >>> 32));
    setInt(buf, len + 4, (int) v);
    len += 8;
  }

  private void header(byte tag, int valueLength) {
    ensure(5 + valueLength);
    buf[len++] = tag;
    setInt(buf, len, valueLength);
    len += 4;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }

  static void setInt(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 24);
    b[off + 1] = (byte) (v >>> 16);
    b[off + 2] = (byte) (v >>> 8);
    b[off + 3] = (byte) v;
  }

  static int getInt(byte[] b, int off) {
    return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8)
        | (b[off + 3] & 0xff);
  }

  static long getLong(byte[] b, int off) {
    return ((long) getInt(b, off) << 32) | (getInt(b, off + 4) & 0xffffffffL);
  }
}
