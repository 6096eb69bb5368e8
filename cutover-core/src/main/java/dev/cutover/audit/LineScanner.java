package dev.cutover.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;

/** Finds the line starts of a JSON Lines file and the unterminated tail after the last newline. */
final class LineScanner {
  record Result(long[] offsets, long lines, long completeLength, byte[] tail) {
    long tailLength() {
      return tail.length;
    }
  }

  private LineScanner() {}

  static Result scan(Path file, FileChannel ch) {
    try {
      long fileLength = ch.size();
      long[] offsets = new long[1024];
      long lines = 0;
      long lineStart = 0;
      ByteBuffer buf = ByteBuffer.allocate(1 << 20);
      byte[] a = buf.array();
      long pos = 0;
      while (pos < fileLength) {
        buf.clear();
        int r = ch.read(buf, pos);
        if (r < 0) {
          break;
        }
        for (int i = 0; i < r; i++) {
          if (a[i] == '\n') {
            if (lines == offsets.length) {
              offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[(int) lines++] = lineStart;
            lineStart = pos + i + 1;
          }
        }
        pos += r;
      }
      long tailLength = pos - lineStart;
      if (tailLength > 16 << 20) {
        throw new IOException("last line is " + tailLength + " bytes long without a newline");
      }
      byte[] tail = new byte[(int) tailLength];
      ByteBuffer t = ByteBuffer.wrap(tail);
      long p = lineStart;
      while (t.hasRemaining()) {
        int r = ch.read(t, p);
        if (r < 0) {
          break;
        }
        p += r;
      }
      return new Result(offsets, lines, lineStart, tail);
    } catch (IOException e) {
      throw new LogStorageException(file.toString(), "cannot read log file " + file + ": " + e.getMessage(), e);
    }
  }
}
