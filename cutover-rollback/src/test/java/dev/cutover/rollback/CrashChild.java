package dev.cutover.rollback;

import dev.cutover.rollback.files.FileTreeScope;
import dev.cutover.rollback.spi.SnapshotScope;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The process that {@link CrashTest} kills: takes a snapshot of, or restores, a file tree through a
 * file-system store, slowly, printing {@code MID} once it is well inside the write.
 *
 * <p>Usage: {@code CrashChild snapshot|restore STORE_DIR DATA_DIR}.
 */
public final class CrashChild {
  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    SnapshotScope scope = new Slow(FileTreeScope.of(Path.of(args[2])));
    try (SnapshotStore store = CrashTest.open(Path.of(args[1]), new RecordingListener())) {
      if (mode.equals("snapshot")) {
        store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
      } else {
        store.restore(store.list().get(0), scope, Authorization.of("alice"));
      }
    }
    System.out.println("DONE");
  }

  /** Slows capture and restore down after the first 64 KiB, and says when it got there. */
  static final class Slow implements SnapshotScope {
    private final SnapshotScope inner;

    Slow(SnapshotScope inner) {
      this.inner = inner;
    }

    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public String capture(OutputStream archive) throws IOException {
      return inner.capture(new FilterOutputStream(archive) {
        long written;

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          written += len;
          pace(written);
        }
      });
    }

    @Override
    public void restore(InputStream archive) throws IOException {
      inner.restore(new FilterInputStream(archive) {
        long read;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          read += Math.max(n, 0);
          pace(read);
          return n;
        }
      });
    }

    @Override
    public String digest() throws IOException {
      return inner.digest();
    }

    private static boolean announced;

    private static void pace(long bytes) {
      if (bytes < 64 * 1024) {
        return;
      }
      if (!announced) {
        announced = true;
        System.out.println("MID");
        System.out.flush();
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
