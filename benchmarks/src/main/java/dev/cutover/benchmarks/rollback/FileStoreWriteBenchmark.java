package dev.cutover.benchmarks.rollback;

import dev.cutover.rollback.SnapshotContext;
import dev.cutover.rollback.SnapshotRef;
import dev.cutover.rollback.spi.SnapshotScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Write throughput of the file-system snapshot store beside a plain copy of the same bytes.
 *
 * <p>Workload: one file of {@code megabytes} MiB (half random, half a repeating text, so that
 * compression has something to do).
 *
 * <ul>
 *   <li>{@code plainCopy}: {@code Files.copy} of the file, then fsync of the copy (the kernel
 *       copies; no byte passes through Java).
 *   <li>{@code hashedCopy}: the file read through a Java stream, hashed with SHA-256 and written
 *       to a copy, then fsync: the floor for any copy that can later prove its content.
 *   <li>{@code snapshot}: a snapshot of a scope that streams the file, into an empty store (4 MiB
 *       chunks, SHA-256 per chunk, fsync of every chunk and the manifest), with {@code
 *       compression} off or on.
 * </ul>
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FileStoreWriteBenchmark -f 1 -wi 2 -i
 * 5 -p compression=false,true}. Throughput is {@code megabytes} divided by the time per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FileStoreWriteBenchmark {
  @Param({"256"})
  public int megabytes;

  private Path dir;
  private Path source;
  private Path copy;
  private SnapshotScope scope;

  @Setup(Level.Trial)
  public void createFile() throws IOException {
    dir = Files.createTempDirectory("cutover-bench-files");
    source = dir.resolve("source.bin");
    copy = dir.resolve("copy.bin");
    Random r = new Random(1);
    byte[] block = new byte[1 << 20];
    byte[] text = "cutover snapshot benchmark line of text\n".repeat(30000)
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try (OutputStream out = Files.newOutputStream(source)) {
      for (int i = 0; i < megabytes; i++) {
        if (i % 2 == 0) {
          r.nextBytes(block);
          out.write(block);
        } else {
          out.write(text, 0, block.length);
        }
      }
    }
    scope = new FileScope(source);
  }

  @Benchmark
  public long plainCopy() throws IOException {
    Files.deleteIfExists(copy);
    Files.copy(source, copy);
    try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
      ch.force(true);
      return ch.size();
    }
  }

  @Benchmark
  public String hashedCopy() throws IOException {
    Files.deleteIfExists(copy);
    MessageDigest md = FileScope.sha256();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(source);
        FileChannel ch = FileChannel.open(copy, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(buf, 0, n);
        while (b.hasRemaining()) {
          ch.write(b);
        }
      }
      ch.force(true);
    }
    return HexFormat.of().formatHex(md.digest());
  }

  @Benchmark
  public SnapshotRef snapshot(SnapshotStoreState fresh) {
    return fresh.store.snapshot(scope, SnapshotContext.of("bench", "bench", "files"));
  }

  @TearDown(Level.Trial)
  public void delete() throws IOException {
    BenchStores.deleteTree(dir);
  }

  /** A scope that is one file; its digest is the SHA-256 of the bytes. */
  static final class FileScope implements SnapshotScope {
    private final Path file;

    FileScope(Path file) {
      this.file = file;
    }

    @Override
    public String name() {
      return "file[" + file + "]";
    }

    @Override
    public String capture(OutputStream archive) throws IOException {
      MessageDigest md = sha256();
      byte[] buf = new byte[1 << 16];
      try (InputStream in = Files.newInputStream(file)) {
        for (int n; (n = in.read(buf)) > 0; ) {
          md.update(buf, 0, n);
          archive.write(buf, 0, n);
        }
      }
      return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void restore(InputStream archive) throws IOException {
      Files.copy(archive, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String digest() throws IOException {
      MessageDigest md = sha256();
      md.update(Files.readAllBytes(file));
      return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
