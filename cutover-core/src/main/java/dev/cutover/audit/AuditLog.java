package dev.cutover.audit;

import dev.cutover.audit.spi.AuditStore;
import dev.cutover.crypto.NoteSigner;
import dev.cutover.crypto.SignedNote;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A tamper-evident, append-only audit log: typed events in, hash-chained entries out, with an RFC
 * 9162 Merkle tree over the entry hashes.
 *
 * <pre>{@code
 * try (AuditLog log = AuditLog.open(Path.of("audit.log"), Clock.systemUTC())) {
 *   AuditEntry e = log.append(AuditEvent.of("task.started", "engine", Map.of("task", "x")));
 *   Hash root = log.root();
 * }
 * }</pre>
 *
 * <p>Appends from many threads get one total order; an append returns only once its entry is
 * durable in the store (for the file store: fsynced, with concurrent appends sharing one fsync).
 * A refused append (bad event, clock out of range) leaves the log exactly as it was. Roots and
 * proofs cost O(log n) and never rescan the log. Thread-safe.
 */
public final class AuditLog implements AutoCloseable {
  private final AuditStore store;
  private final Clock clock;
  private final boolean readOnly;
  private final MerkleTree tree;
  private final AuditEntryCodec codec = new AuditEntryCodec();
  private final ReentrantLock lock = new ReentrantLock();
  private Hash last;
  private volatile boolean closed;

  private AuditLog(AuditStore store, Clock clock, boolean readOnly) {
    this(store, clock, readOnly, new MerkleTree(), Hash.ZERO);
  }

  /** Over a store whose entries the tree already holds (a file store checks them as it opens). */
  private AuditLog(AuditStore store, Clock clock, boolean readOnly, MerkleTree tree, Hash last) {
    this.store = store;
    this.clock = clock;
    this.readOnly = readOnly;
    this.tree = tree;
    this.last = last;
  }

  private static AuditLog overFile(FileAuditStore store, MerkleTree tree, Clock clock, boolean readOnly) {
    return new AuditLog(store, clock, readOnly, tree, store.lastHash());
  }

  /**
   * Creates an empty log in memory.
   *
   * @param clock the clock that stamps entries
   * @return the log
   */
  public static AuditLog inMemory(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return new AuditLog(new InMemoryAuditStore(), clock, false);
  }

  /**
   * Opens (or creates) a log file for append. A torn last line, left by a crash in the middle of
   * a write, is cut off and reported by {@link #repairReport()} (and logged); any other damage is
   * refused. Every entry is verified while the log is loaded.
   *
   * @param file the JSON Lines file
   * @param clock the clock that stamps entries
   * @return the log
   * @throws LogVerificationException if the file does not verify
   * @throws LogStorageException if the file cannot be read or written
   */
  public static AuditLog open(Path file, Clock clock) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    MerkleTree tree = new MerkleTree();
    return overFile(FileAuditStore.open(file, false, tree), tree, clock, false);
  }

  /**
   * Opens a log file for reading only: it is verified and nothing in it is changed (a torn tail
   * is reported as a failure, not cut). {@link #append} is refused.
   *
   * @param file the JSON Lines file
   * @return the log
   * @throws LogVerificationException if the file does not verify
   * @throws LogStorageException if the file cannot be read
   */
  public static AuditLog readOnly(Path file) {
    return readOnly(file, ReadProgress.NONE);
  }

  /**
   * Opens a log file for reading only, as {@link #readOnly(Path)}, reporting how far the
   * verifying read has come (for a progress bar over a large log).
   *
   * @param file the JSON Lines file
   * @param progress hears the bytes read so far
   * @return the log
   * @throws LogVerificationException if the file does not verify
   * @throws LogStorageException if the file cannot be read
   */
  public static AuditLog readOnly(Path file, ReadProgress progress) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(progress, "progress");
    MerkleTree tree = new MerkleTree();
    return overFile(FileAuditStore.open(file, true, tree, progress), tree, Clock.systemUTC(), true);
  }

  /**
   * Opens a log over any store, verifying every stored entry and the chain between them.
   *
   * @param store the store
   * @param clock the clock that stamps entries
   * @return the log
   * @throws LogVerificationException if the stored entries do not verify
   */
  public static AuditLog open(AuditStore store, Clock clock) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(clock, "clock");
    AuditLog log = new AuditLog(store, clock, false);
    try {
      log.load();
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return log;
  }

  private void load() {
    long n = store.size();
    long[] seq = {0};
    try {
      store.read(0, n, e -> {
        long s = seq[0];
        if (e.seq() != s) {
          throw fail(s, LogVerification.Reason.SEQ_GAP, "expected seq " + s + ", found seq " + e.seq());
        }
        if (!e.prev().equals(last)) {
          throw fail(s, LogVerification.Reason.PREV_MISMATCH, "prev " + e.prev() + " is not the hash of the entry before, " + last);
        }
        tree.append(e.hash());
        last = e.hash();
        seq[0] = s + 1;
      });
    } catch (InvalidEntryException e) {
      throw fail(e.seq() >= 0 ? e.seq() : seq[0], e.reason(), e.getMessage());
    }
  }

  private LogVerificationException fail(long seq, LogVerification.Reason reason, String message) {
    return new LogVerificationException(
        new LogVerification(store.describe(), seq, tree.root(), new LogVerification.Failure(seq, -1, reason, message)));
  }

  /**
   * Appends an event and returns its entry once the entry is durable.
   *
   * <p>Appends from many threads get one total order. On a log file, threads appending at the same
   * time share one {@code fsync}: the first to wait forces everything appended so far while the
   * others wait for it. Before it forces, it may wait briefly (at most one and a half recent fsync
   * times, never over 1 ms) for as many entries as the previous fsync covered, so that the
   * threads that fsync released are in the next one too; a lone writer never waits. A waiting
   * thread yields the processor for up to three recent fsync times before it parks.
   *
   * @param event the event
   * @return the entry, with its seq, time, prev and hash
   * @throws IllegalStateException if the log is closed or read-only
   * @throws IllegalArgumentException if the clock's time cannot be recorded (outside years
   *     0000-9999); the log is unchanged
   * @throws dev.cutover.audit.spi.LogConflictException if another writer appended to a shared
   *     store first
   * @throws LogStorageException if the store fails
   */
  public AuditEntry append(AuditEvent event) {
    Objects.requireNonNull(event, "event");
    AuditEntry entry;
    lock.lock();
    try {
      checkWritable();
      Instant now = clock.instant();
      entry = codec.encode(event, tree.size(), now, last);
      store.append(entry);
      tree.append(entry.hash());
      last = entry.hash();
    } finally {
      lock.unlock();
    }
    store.awaitDurable(entry.seq());
    return entry;
  }

  private void checkWritable() {
    if (closed) {
      throw new IllegalStateException("audit log " + store.describe() + " is closed");
    }
    if (readOnly) {
      throw new IllegalStateException("audit log " + store.describe() + " was opened read-only");
    }
  }

  /**
   * Returns the number of entries.
   *
   * @return the size
   */
  public long size() {
    return tree.size();
  }

  /**
   * Returns the hash of the last entry.
   *
   * @return the last hash, {@link Hash#ZERO} if the log is empty
   */
  public Hash lastHash() {
    lock.lock();
    try {
      return last;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the root over all entries.
   *
   * @return the RFC 9162 root
   */
  public Hash root() {
    return tree.root();
  }

  /**
   * Returns the root over the first {@code size} entries.
   *
   * @param size the prefix size, between 0 and {@link #size()}
   * @return the root
   * @throws IllegalArgumentException if the size is out of range
   */
  public Hash root(long size) {
    return tree.root(size);
  }

  /**
   * Returns the inclusion proof of the entry at {@code index} in the log of size {@code size}.
   *
   * @param index the entry's seq
   * @param size the log size the proof is for
   * @return the hashes, leaf level first
   * @throws IllegalArgumentException if the index or size is out of range
   */
  public List<Hash> inclusionProof(long index, long size) {
    return tree.inclusionProof(index, size);
  }

  /**
   * Returns the consistency proof between two sizes of this log.
   *
   * @param from the older size, at least 1
   * @param to the newer size, at most {@link #size()}
   * @return the hashes, leaf level first
   * @throws IllegalArgumentException if the sizes are out of range
   */
  public List<Hash> consistencyProof(long from, long to) {
    return tree.consistencyProof(from, to);
  }

  /**
   * Returns the entry hash (Merkle leaf) at a seq without reading the store.
   *
   * @param seq the seq
   * @return the entry's hash
   * @throws IndexOutOfBoundsException if there is no such entry
   */
  public Hash leafHash(long seq) {
    return tree.leaf(seq);
  }

  /**
   * Reads entries in seq order.
   *
   * @param fromSeq the first seq, inclusive
   * @param toSeq the end, exclusive
   * @param sink receives each entry
   * @throws IllegalArgumentException if the range is outside the log
   */
  public void read(long fromSeq, long toSeq, Consumer<? super AuditEntry> sink) {
    Objects.requireNonNull(sink, "sink");
    long n = size();
    if (fromSeq < 0 || fromSeq > toSeq || toSeq > n) {
      throw new IllegalArgumentException("range [" + fromSeq + ", " + toSeq + ") is outside the log (size " + n + ")");
    }
    store.read(fromSeq, toSeq, sink);
  }

  /**
   * Returns entries in seq order.
   *
   * @param fromSeq the first seq, inclusive
   * @param toSeq the end, exclusive
   * @return the entries
   * @throws IllegalArgumentException if the range is outside the log
   */
  public List<AuditEntry> entries(long fromSeq, long toSeq) {
    List<AuditEntry> out = new ArrayList<>();
    read(fromSeq, toSeq, out::add);
    return out;
  }

  /**
   * Returns the entry at a seq.
   *
   * @param seq the seq
   * @return the entry
   * @throws IllegalArgumentException if there is no such entry
   */
  public AuditEntry entry(long seq) {
    return entries(seq, seq + 1).get(0);
  }

  /**
   * Returns a checkpoint of the current size and root.
   *
   * @param origin the log's origin line, e.g. {@code example.com/cutover/prod}
   * @return the checkpoint
   */
  public Checkpoint checkpoint(String origin) {
    lock.lock();
    try {
      long n = tree.size();
      return new Checkpoint(origin, n, tree.root(n));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Signs a checkpoint of the current size and root.
   *
   * @param origin the log's origin line
   * @param signers the keys, at least one
   * @return the signed note
   */
  public SignedNote signCheckpoint(String origin, List<NoteSigner> signers) {
    return checkpoint(origin).sign(signers);
  }

  /**
   * Returns what opening the log repaired, if anything.
   *
   * @return the repair report, empty if nothing was repaired
   */
  public Optional<RepairReport> repairReport() {
    return store.repairReport();
  }

  /**
   * Returns the store's description, e.g. the file name.
   *
   * @return the description
   */
  public String describe() {
    return store.describe();
  }

  /** Closes the store. Entries whose append returned stay durable. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
    } finally {
      lock.unlock();
    }
    store.close();
  }
}
