package dev.cutover.benchmarks.audit;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.Hash;
import dev.cutover.audit.spi.AuditStore;
import dev.cutover.audit.spi.LogConflictException;
import dev.cutover.json.CanonicalJsonWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
 * its raw limit: canonical serialisation plus SHA-256 of the same entry, with nothing else. Each
 * iteration starts a new log, which keeps every entry it is given (about 370 bytes each: the
 * store's compact record and the tree's hashes), so the heap grows by a few hundred MB per second.
 *
 * <p>{@link #appendNotKept} is a diagnostic beside them: the same append through a store that keeps
 * nothing (the tree still keeps its hashes), to tell the cost of encoding, hashing and the tree from
 * the cost of the heap growing under the in-memory store.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar InMemoryAppendBenchmark -f 1 -wi 2 -i 5
 * -w 2s -r 2s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class InMemoryAppendBenchmark {
  private AuditLog log;
  private AuditLog notKept;
  private AuditEvent event;
  private Map<String, Object> entry;
  private CanonicalJsonWriter writer;
  private MessageDigest sha;
  private long seq;

  @Setup(Level.Iteration)
  public void setUp() throws NoSuchAlgorithmException {
    log = AuditLog.inMemory(Fixtures.CLOCK);
    notKept = AuditLog.open(new DiscardingStore(), Fixtures.CLOCK);
    event = Fixtures.event();
    entry = Fixtures.entryMap(0);
    writer = new CanonicalJsonWriter();
    sha = MessageDigest.getInstance("SHA-256");
  }

  @TearDown(Level.Iteration)
  public void tearDown() {
    log.close();
    notKept.close();
  }

  /** One append: the whole cost of recording an event in memory. */
  @Benchmark
  public AuditEntry append() {
    return log.append(event);
  }

  /** Diagnostic: the same append, through a store that keeps only the size and last hash. */
  @Benchmark
  public AuditEntry appendNotKept() {
    return notKept.append(event);
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

  /** An SPI store that checks and counts entries and keeps nothing else. */
  private static final class DiscardingStore implements AuditStore {
    private long size;
    private Hash last = Hash.ZERO;

    @Override
    public synchronized long size() {
      return size;
    }

    @Override
    public synchronized Hash lastHash() {
      return last;
    }

    @Override
    public synchronized void append(AuditEntry entry) {
      if (entry.seq() != size || !entry.prev().equals(last)) {
        throw new LogConflictException(size, entry.seq(), "discarding store: entry " + entry.seq() + " does not follow " + size);
      }
      size++;
      last = entry.hash();
    }

    @Override
    public void read(long fromSeq, long toSeq, Consumer<? super AuditEntry> sink) {
      if (fromSeq != toSeq) {
        throw new IllegalStateException("the discarding store keeps no entries to read");
      }
    }

    @Override
    public void close() {}
  }
}
