package dev.cutover.benchmarks.audit;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.json.CanonicalJsonWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
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

/**
 * Single-threaded append to an in-memory log (canonical JSON, SHA-256, chain, Merkle tree), beside
 * its raw limit: canonical serialisation plus SHA-256 of the same entry, with nothing else.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar InMemoryAppendBenchmark -f 1 -wi 2 -i 3
 * -w 2s -r 2s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InMemoryAppendBenchmark {
  private AuditLog log;
  private AuditEvent event;
  private Map<String, Object> entry;
  private CanonicalJsonWriter writer;
  private MessageDigest sha;
  private long seq;

  @Setup(Level.Iteration)
  public void setUp() throws NoSuchAlgorithmException {
    log = AuditLog.inMemory(Fixtures.CLOCK);
    event = Fixtures.event();
    entry = Fixtures.entryMap(0);
    writer = new CanonicalJsonWriter();
    sha = MessageDigest.getInstance("SHA-256");
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    log.close();
  }

  /** One append: the whole cost of recording an event in memory. */
  @Benchmark
  public AuditEntry append() {
    return log.append(event);
  }

  /** The limit: write the same entry canonically and hash it (0x00 prefix, as the leaf hash). */
  @Benchmark
  public byte[] serialiseAndHashLimit() {
    entry.put("seq", seq++);
    writer.reset();
    writer.value(entry);
    sha.update((byte) 0);
    sha.update(writer.buffer(), 0, writer.size());
    return sha.digest();
  }
}
