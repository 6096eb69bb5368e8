package dev.cutover.benchmarks.audit;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Durable appends to a file log with group commit from 1, 8 and 64 writer threads (each append
 * returns only after its entry is fsynced; concurrent appends share one fsync). Throughput is in
 * entries per second summed over all threads. Beside it, the raw limit: write one line and {@code
 * FileChannel.force} it ({@code forceLimit}, single writer: one fsync per entry).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar DurableAppendBenchmark -f 1 -wi 2 -i 3
 * -w 2s -r 2s}; for the single-writer latency add {@code -bm avgt -tu us}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DurableAppendBenchmark {
  /** One shared log per trial. */
  @State(Scope.Benchmark)
  public static class SharedLog {
    Path dir;
    AuditLog log;
    AuditEvent event;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("cutover-bench");
      log = AuditLog.open(dir.resolve("audit.log"), Fixtures.CLOCK);
      event = Fixtures.event();
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
      log.close();
      Files.deleteIfExists(dir.resolve("audit.log"));
      Files.deleteIfExists(dir);
    }
  }

  /** A raw file for the fsync limit. */
  @State(Scope.Thread)
  public static class RawFile {
    Path file;
    FileChannel ch;
    byte[] line;

    @Setup(Level.Iteration)
    public void setUp() throws IOException {
      file = Files.createTempFile("cutover-bench", ".raw");
      ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
      try (AuditLog log = AuditLog.inMemory(Fixtures.CLOCK)) {
        byte[] b = log.append(Fixtures.event()).canonicalBytes();
        line = java.util.Arrays.copyOf(b, b.length + 1);
        line[b.length] = '\n';
      }
    }

    @TearDown(Level.Iteration)
    public void tearDown() throws IOException {
      ch.close();
      Files.deleteIfExists(file);
    }
  }

  /** One writer. */
  @Benchmark
  @Threads(1)
  public AuditEntry append1(SharedLog s) {
    return s.log.append(s.event);
  }

  /** Eight writers sharing fsyncs. */
  @Benchmark
  @Threads(8)
  public AuditEntry append8(SharedLog s) {
    return s.log.append(s.event);
  }

  /** Sixty-four writers sharing fsyncs. */
  @Benchmark
  @Threads(64)
  public AuditEntry append64(SharedLog s) {
    return s.log.append(s.event);
  }

  /** The limit for one writer: write one line, then {@code FileChannel.force(false)}. */
  @Benchmark
  @Threads(1)
  public void forceLimit(RawFile f) throws IOException {
    f.ch.write(ByteBuffer.wrap(f.line));
    f.ch.force(false);
  }
}
