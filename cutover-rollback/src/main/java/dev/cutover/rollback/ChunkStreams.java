package dev.cutover.rollback;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Cuts an archive into hashed chunks, and reads it back verifying every chunk. */
final class ChunkStreams {
  private static final HexFormat HEX = HexFormat.of();

  private ChunkStreams() {}

  static String hash(byte[] data, int length) {
    MessageDigest md = Manifest.sha256();
    md.update(data, 0, length);
    return HEX.formatHex(md.digest());
  }

  /** Writes an archive into a staging area as fixed-size chunks, recording their hashes. */
  static final class Writer extends OutputStream {
    private final Backend.Staging staging;
    private final byte[] buffer;
    private final List<String> hashes = new ArrayList<>();
    private int filled;
    private long size;

    Writer(Backend.Staging staging, int chunkSize) {
      this.staging = staging;
      this.buffer = new byte[chunkSize];
    }

    @Override
    public void write(int b) throws IOException {
      if (filled == buffer.length) {
        emit();
      }
      buffer[filled++] = (byte) b;
      size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (filled == buffer.length) {
          emit();
        }
        int n = Math.min(len, buffer.length - filled);
        System.arraycopy(b, off, buffer, filled, n);
        filled += n;
        off += n;
        len -= n;
        size += n;
      }
    }

    /** Stores the last, partial chunk; call once, after the scope has written everything. */
    void finish() throws IOException {
      if (filled > 0) {
        emit();
      }
    }

    private void emit() throws IOException {
      String h = hash(buffer, filled);
      staging.put(h, buffer, filled);
      hashes.add(h);
      filled = 0;
    }

    List<String> hashes() {
      return List.copyOf(hashes);
    }

    long size() {
      return size;
    }
  }

  /** Reads a committed archive chunk by chunk, failing on the first chunk that does not verify. */
  static final class Reader extends InputStream {
    private final Backend backend;
    private final Manifest manifest;
    private int next;
    private byte[] current = new byte[0];
    private int pos;

    Reader(Backend backend, Manifest manifest) {
      this.backend = backend;
      this.manifest = manifest;
    }

    private boolean fill() throws IOException {
      while (pos == current.length) {
        if (next == manifest.chunks().size()) {
          return false;
        }
        String expected = manifest.chunks().get(next);
        byte[] data = backend.readChunk(expected);
        if (data == null || !hash(data, data.length).equals(expected)) {
          throw new ChunkDamagedException(
              "chunk " + next + " (" + expected + ") of snapshot '" + manifest.ref().id()
                  + "' is " + (data == null ? "missing" : "altered"));
        }
        next++;
        current = data;
        pos = 0;
      }
      return true;
    }

    @Override
    public int read() throws IOException {
      return fill() ? current[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = Math.min(len, current.length - pos);
      System.arraycopy(current, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** A chunk is missing or does not match its hash. */
  static final class ChunkDamagedException extends IOException {
    private static final long serialVersionUID = 1L;

    ChunkDamagedException(String message) {
      super(message);
    }
  }
}
