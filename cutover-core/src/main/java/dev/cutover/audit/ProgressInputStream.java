package dev.cutover.audit;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts the bytes read through it and reports them to a {@link ReadProgress}. */
final class ProgressInputStream extends FilterInputStream {
  private final ReadProgress progress;
  private final long total;
  private long read;

  ProgressInputStream(InputStream in, ReadProgress progress, long total) {
    super(in);
    this.progress = progress;
    this.total = total;
  }

  /** The stream itself when nobody listens, so the common path has no extra layer. */
  static InputStream of(InputStream in, ReadProgress progress, long total) {
    return progress == ReadProgress.NONE ? in : new ProgressInputStream(in, progress, total);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = super.read(b, off, len);
    if (n > 0) {
      advance(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    if (skipped > 0) {
      advance(skipped);
    }
    return skipped;
  }

  private void advance(long n) {
    read += n;
    progress.read(read, total);
  }
}
