package dev.cutover.benchmarks.replay;

import dev.cutover.replay.Recorded;
import dev.cutover.replay.ReplayResult;
import dev.cutover.replay.Replayer;
import dev.cutover.replay.StateDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Replay in memory: folds {@value #EVENTS} recorded events through the {@link Counter} state
 * machine, checking its invariant after every event and the recorded state digest (SHA-256 of the
 * 16-byte state) after every {@code digestEvery}-th event. The score is events per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar InMemoryReplayBenchmark -f 1 -wi 2
 * -i 3 -w 2s -r 2s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class InMemoryReplayBenchmark {
  static final int EVENTS = 100_000;

  /** A digest is recorded (and checked) after every n-th event; 1 means after every event. */
  @Param({"1", "100"})
  int digestEvery;

  private List<Recorded<Long>> recorded;
  private Replayer<Counter.State, Long> replayer;

  /** Records the events with their digests. */
  @Setup
  public void setUp() {
    recorded = new ArrayList<>(EVENTS);
    Counter.State s = Counter.INSTANCE.initial();
    for (int i = 0; i < EVENTS; i++) {
      long amount = i % 97;
      s = Counter.INSTANCE.apply(s, amount);
      String digest = (i + 1) % digestEvery == 0 ? StateDigest.of(Counter.CODEC, s) : null;
      recorded.add(new Recorded<>(i, amount, digest));
    }
    replayer = Replayer.of(Counter.INSTANCE);
  }

  /**
   * Replays all events.
   *
   * @return the result, so the work is not optimised away
   */
  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public ReplayResult<Counter.State> replay() {
    ReplayResult<Counter.State> r = replayer.replay(recorded);
    if (!r.consistent()) {
      throw new AssertionError(r.divergence());
    }
    return r;
  }
}
