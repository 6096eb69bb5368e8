package dev.cutover.benchmarks.replay;

import dev.cutover.audit.AuditLog;
import dev.cutover.replay.LogReplayer;
import dev.cutover.replay.ReplayResult;
import dev.cutover.replay.StateRecorder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Replay from a log file including verification: opens a JSON Lines audit log of {@value
 * #EVENTS} {@link Counter} events (each entry with its state digest) read-only, which verifies
 * every line (canonical form, seq, prev, hash), then replays it, checking every state digest and
 * the invariant. The score is events per second; {@code verifyOnly} measures opening and verifying
 * the same file without replay, the limit that replay from a file works within.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FileReplayBenchmark -f 1 -wi 2 -i 3
 * -w 2s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class FileReplayBenchmark {
  static final int EVENTS = 100_000;

  private Path dir;
  private Path file;

  /**
   * Writes the log once.
   *
   * @throws IOException if the temporary directory cannot be created
   */
  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("cutover-replay-bench");
    file = dir.resolve("counter.log");
    // Recorded in memory and written out line by line: a file log fsyncs every append, which
    // would make the setup, not the measurement, take minutes.
    try (AuditLog log = AuditLog.inMemory(Clock.systemUTC());
        java.io.BufferedWriter out = Files.newBufferedWriter(file)) {
      StateRecorder<Counter.State, Long> recorder =
          StateRecorder.open(log, Counter.INSTANCE, Counter.EVENTS, "bench");
      for (int i = 1; i < EVENTS; i++) {
        recorder.record((long) (i % 97));
      }
      for (var entry : log.entries(0, log.size())) {
        out.write(entry.toJson());
        out.write('\n');
      }
    }
  }

  /**
   * Removes the log.
   *
   * @throws IOException if it cannot be removed
   */
  @TearDown
  public void tearDown() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * The limit replay works within: only opening (and so verifying) the file, no replay.
   *
   * @return the log size, so the work is not optimised away
   */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long verifyOnly() {
    try (AuditLog log = AuditLog.readOnly(file)) {
      return log.size();
    }
  }

  /**
   * Verifies and replays the whole file.
   *
   * @return the result, so the work is not optimised away
   */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public ReplayResult<Counter.State> verifyAndReplay() {
    try (AuditLog log = AuditLog.readOnly(file)) {
      ReplayResult<Counter.State> r = LogReplayer.of(Counter.INSTANCE, Counter.EVENTS).replay(log);
      if (!r.consistent()) {
        throw new AssertionError(r.divergence());
      }
      return r;
    }
  }
}
