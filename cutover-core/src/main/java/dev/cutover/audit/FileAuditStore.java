package dev.cutover.audit;

import dev.cutover.audit.spi.AuditStore;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON Lines file (format v1) with group commit: appends are buffered in order, and a thread
 * that needs its entry durable writes every buffered entry and calls {@code fsync} once for all of
 * them, while later appenders queue for the next round. Thread-safe.
 *
 * <p>Two measures keep the rounds large when many threads append at once:
 *
 * <ul>
 *   <li><b>Commit delay.</b> Before it forces, a leader waits until as many entries are pending
 *       as the last fsync covered, or for at most {@link #GATHER_FRACTION} of a recent fsync's
 *       time. The writers that the last fsync released are then back in the next one, instead of
 *       every fsync covering only the half of them that appended while the one before it ran. A
 *       lone writer never waits: the last round covered one entry, its own.
 *   <li><b>Yield before parking.</b> A waiter yields the processor for up to {@link
 *       #SPIN_FORCES} recent fsync times before it parks. Waking a parked thread costs several
 *       microseconds of the waker's time (more on a virtual machine), and a leader that wakes 60
 *       threads one after the other delays every next round by that much.
 * </ul>
 */
final class FileAuditStore implements AuditStore {
  private static final Logger LOG = LoggerFactory.getLogger(FileAuditStore.class);

  private final Path file;
  // Reads, writes and forces go through RandomAccessFiles, which no interrupt closes (a FileChannel
  // is closed by an interrupt of any thread using it): a thread interrupted in the middle of a
  // read or an fsync must not break the log for every other reader and writer.
  private final RandomAccessFile in;
  private final RandomAccessFile out;
  private final boolean readOnly;
  private final Object flushLock = new Object();
  private final ReentrantLock group = new ReentrantLock();
  // guarded by group: whether a thread is forcing on behalf of the waiters, and who waits
  private boolean leading;
  private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
  private final RepairReport repair;

  // guarded by this
  private long[] offsets = new long[1024];
  private long size;
  private long length;
  private Hash last = Hash.ZERO;
  private byte[] pending = new byte[64 * 1024];
  private int pendingLength;
  private long writtenLength;
  private IOException failure;
  private boolean closed;

  // guarded by flushLock
  private byte[] spare = new byte[64 * 1024];
  private long lastRound = 1;
  private volatile long durableSeq;
  /** A running mean of how long one {@code force} takes, in nanoseconds. */
  private volatile long forceNanos = INITIAL_FORCE_NANOS;

  // guarded by this: a leader waiting for the pending entries to reach a seq before it forces
  private long gatherUntil = Long.MAX_VALUE;
  private Thread gatherer;

  /** The commit delay, as a fraction of a recent fsync's time. */
  static final double GATHER_FRACTION = 1.5;
  /** How many recent fsync times a waiter yields before it parks. */
  static final int SPIN_FORCES = 3;
  private static final long INITIAL_FORCE_NANOS = 200_000;
  private static final long MAX_GATHER_NANOS = 1_000_000;
  private static final long MAX_SPIN_NANOS = 3_000_000;

  private FileAuditStore(Path file, RandomAccessFile in, RandomAccessFile out, boolean readOnly, RepairReport repair) {
    this.file = file;
    this.in = in;
    this.out = out;
    this.readOnly = readOnly;
    this.repair = repair;
  }

  /**
   * Opens a log file, checking every line (canonical form, hash, seq, prev) in one read of the
   * file and appending each entry's hash to {@code tree}. A torn tail is cut (for append) or
   * refused (read-only); any other failure is refused before anything in the file is changed.
   */
  static FileAuditStore open(Path file, boolean readOnly, MerkleTree tree) {
    return open(file, readOnly, tree, ReadProgress.NONE);
  }

  /** As {@link #open(Path, boolean, MerkleTree)}, reporting how far the read has come. */
  static FileAuditStore open(Path file, boolean readOnly, MerkleTree tree, ReadProgress progress) {
    FileChannel ch;
    try {
      ch = readOnly
          ? FileChannel.open(file, StandardOpenOption.READ)
          : FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    } catch (NoSuchFileException e) {
      throw new LogStorageException(file.toString(), "log file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new LogStorageException(file.toString(), "cannot open log file " + file + ": " + e.getMessage(), e);
    }
    try {
      return scan(file, ch, readOnly, tree, progress);
    } catch (RuntimeException e) {
      try {
        ch.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  private static FileAuditStore scan(
      Path file, FileChannel ch, boolean readOnly, MerkleTree tree, ReadProgress progress) {
    long[][] offs = {new long[1024]};
    LogFileScan scan = new LogFileScan((seq, offset, hash) -> {
      if (seq == offs[0].length) {
        offs[0] = Arrays.copyOf(offs[0], offs[0].length * 2);
      }
      offs[0][(int) seq] = offset;
      tree.append(Hash.wrap(hash));
      return null;
    });
    try {
      long size = ch.size();
      scan.run(ProgressInputStream.of(Channels.newInputStream(ch), progress, size), size);
    } catch (IOException e) {
      throw new LogStorageException(file.toString(), "cannot read log file " + file + ": " + e.getMessage(), e);
    }
    if (scan.failure() != null) {
      throw new LogVerificationException(new LogVerification(file.toString(), scan.entries(), tree.root(), scan.failure()));
    }
    long lines = scan.entries();
    long completeLength = scan.completeLength();
    byte[] tail = scan.tail();
    RepairReport repair = null;
    if (tail.length > 0) {
      LogVerification.Reason kind = TornTail.classify(tail);
      LogVerification.Failure failure = new LogVerification.Failure(lines, completeLength, kind, TornTail.describe(tail, kind, false));
      if (readOnly || kind != LogVerification.Reason.TORN_TAIL) {
        throw new LogVerificationException(new LogVerification(file.toString(), lines, tree.root(), failure));
      }
      try {
        ch.truncate(completeLength);
        ch.force(true);
      } catch (IOException e) {
        throw new LogStorageException(file.toString(), "cannot cut the torn tail of " + file + ": " + e.getMessage(), e);
      }
      repair = new RepairReport(file.toString(), lines, completeLength, tail.length);
      LOG.warn("repaired audit log {}", repair.summary());
    }
    RandomAccessFile in;
    try {
      in = new RandomAccessFile(file.toFile(), "r");
    } catch (IOException e) {
      throw new LogStorageException(file.toString(), "cannot open log file " + file + " for reading: " + e.getMessage(), e);
    }
    RandomAccessFile out = null;
    try {
      if (!readOnly) {
        out = new RandomAccessFile(file.toFile(), "rw");
      }
      ch.close();
    } catch (IOException e) {
      try {
        in.close();
        if (out != null) {
          out.close();
        }
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new LogStorageException(file.toString(), "cannot open log file " + file
          + (readOnly ? ": " : " for writing: ") + e.getMessage(), e);
    }
    FileAuditStore s = new FileAuditStore(file, in, out, readOnly, repair);
    s.offsets = offs[0];
    s.size = lines;
    s.length = completeLength;
    s.writtenLength = completeLength;
    s.durableSeq = lines - 1;
    s.last = scan.lastHash();
    return s;
  }

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
    Objects.requireNonNull(entry, "entry");
    checkUsable();
    if (readOnly) {
      throw new IllegalStateException("log file " + file + " was opened read-only");
    }
    InMemoryAuditStore.Stores.checkNext(entry, size, last, describe());
    int n = entry.lineLength() + 1;
    if (pendingLength + n > pending.length) {
      pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
    }
    entry.copyLine(pending, pendingLength);
    pending[pendingLength + n - 1] = '\n';
    pendingLength += n;
    if (size == offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[(int) size] = length;
    length += n;
    size++;
    last = entry.hash();
    if (size - 1 >= gatherUntil) {
      gatherUntil = Long.MAX_VALUE;
      LockSupport.unpark(gatherer);
    }
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("log file " + file + " is closed");
    }
    if (failure != null) {
      throw new LogStorageException(file.toString(), "log file " + file + " failed earlier and refuses further use: " + failure.getMessage(), failure);
    }
  }

  /**
   * Group commit: the first waiter becomes the leader and forces everything appended so far with
   * one fsync, while later waiters queue. When the fsync returns, the leader wakes exactly the
   * waiters it covered (each with its own unpark, so they do not file one by one through a
   * monitor) and hands the lead to the first waiter it did not cover, whose fsync then covers
   * everything appended meanwhile. A waiter returns only once {@code durableSeq} covers its seq.
   */
  @Override
  public void awaitDurable(long seq) {
    if (seq <= durableSeq) {
      return;
    }
    // An append returns only once durable, interrupted or not: clear the flag for the wait (a set
    // flag would make every park return at once) and the I/O, and restore it after.
    boolean interrupted = Thread.interrupted();
    try {
      Waiter w = new Waiter(Thread.currentThread(), seq);
      group.lock();
      try {
        if (seq <= durableSeq) {
          return;
        }
        if (leading) {
          waiters.addLast(w);
        } else {
          leading = true;
          w.lead = true;
          w.removed = true;
        }
      } finally {
        group.unlock();
      }
      long spinUntil = System.nanoTime() + Math.min(MAX_SPIN_NANOS, SPIN_FORCES * forceNanos);
      // A leader takes every waiter out of the queue after its fsync: the covered ones are
      // released, the first one not covered leads next. Waiting for that (rather than for
      // durableSeq alone) keeps the chain of leaders unbroken even when close() forces meanwhile.
      while (!w.removed) {
        if (System.nanoTime() - spinUntil < 0) {
          Thread.yield();
        } else {
          LockSupport.park(this);
        }
        // an append returns only once durable: keep waiting
        interrupted |= Thread.interrupted();
      }
      if (w.lead) {
        interrupted |= lead(seq);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Forces for everyone waiting, then passes the lead on and releases the covered waiters: the
   * next leader first, so that the next round's fsync does not wait for the wake-ups of this one.
   */
  private boolean lead(long seq) {
    boolean interrupted = false;
    try {
      synchronized (flushLock) {
        if (seq > durableSeq) {
          interrupted = gather() | Thread.interrupted();
          try {
            flush(true);
          } catch (RuntimeException e) {
            if (interrupted) {
              Thread.currentThread().interrupt();
            }
            throw e;
          }
        }
      }
      return interrupted;
    } finally {
      Waiter next = null;
      Waiter[] covered;
      int n = 0;
      group.lock();
      try {
        long durable = durableSeq;
        covered = new Waiter[waiters.size()];
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
          Waiter x = it.next();
          if (x.seq <= durable) {
            it.remove();
            x.removed = true;
            covered[n++] = x;
          } else if (next == null) {
            it.remove();
            next = x;
          }
        }
        if (next == null) {
          leading = false;
        } else {
          next.lead = true;
          next.removed = true;
        }
      } finally {
        group.unlock();
      }
      if (next != null) {
        LockSupport.unpark(next.thread);
      }
      for (int i = 0; i < n; i++) {
        LockSupport.unpark(covered[i].thread);
      }
    }
  }

  /**
   * The commit delay: waits until the pending entries are as many as the last fsync covered, or
   * until the delay has passed. The append that reaches the count wakes the leader. Holds
   * flushLock. Returns whether the thread was interrupted meanwhile; its flag is cleared, since a
   * set flag would make every park return at once.
   */
  private boolean gather() {
    boolean interrupted = false;
    long target = durableSeq + lastRound;
    long deadline = System.nanoTime() + Math.min(MAX_GATHER_NANOS, (long) (GATHER_FRACTION * forceNanos));
    synchronized (this) {
      // nothing more will be appended to a closed or failed log: flush() reports it at once
      if (size - 1 >= target || closed || failure != null) {
        return false;
      }
      gatherer = Thread.currentThread();
      gatherUntil = target;
    }
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        synchronized (this) {
          if (size - 1 >= target || left <= 0) {
            return interrupted;
          }
        }
        LockSupport.parkNanos(this, left);
        interrupted |= Thread.interrupted();
      }
    } finally {
      synchronized (this) {
        gatherUntil = Long.MAX_VALUE;
        gatherer = null;
      }
    }
  }

  /** The last seq whose entry a completed fsync covers (for tests of the group commit). */
  long durableSeq() {
    return durableSeq;
  }

  /** A thread waiting for its seq to be durable. */
  private static final class Waiter {
    final Thread thread;
    final long seq;
    // both set under group; lead is written first, so a waiter that sees removed also sees lead
    volatile boolean lead;
    volatile boolean removed;

    Waiter(Thread thread, long seq) {
      this.thread = thread;
      this.seq = seq;
    }
  }

  /** Writes everything buffered, then forces it if asked. Holds flushLock. */
  private void flush(boolean force) {
    byte[] data;
    int n;
    long pos;
    long upTo;
    synchronized (this) {
      checkUsable();
      data = pending;
      n = pendingLength;
      pending = spare;
      pendingLength = 0;
      pos = writtenLength;
      writtenLength += n;
      upTo = size - 1;
    }
    try {
      out.seek(pos);
      out.write(data, 0, n);
      if (force) {
        long t0 = System.nanoTime();
        out.getFD().sync();
        forceNanos += (System.nanoTime() - t0 - forceNanos) / 8;
      }
    } catch (IOException e) {
      synchronized (this) {
        failure = e;
      }
      throw new LogStorageException(file.toString(), "cannot write to log file " + file + ": " + e.getMessage(), e);
    }
    spare = data.length > (1 << 22) ? new byte[64 * 1024] : data;
    if (force) {
      lastRound = Math.max(1, upTo - durableSeq);
      durableSeq = upTo;
    }
  }

  @Override
  public void read(long fromSeq, long toSeq, Consumer<? super AuditEntry> sink) {
    Objects.requireNonNull(sink, "sink");
    synchronized (this) {
      InMemoryAuditStore.Stores.checkRange(fromSeq, toSeq, size);
    }
    if (toSeq > fromSeq) {
      synchronized (flushLock) {
        boolean unwritten;
        synchronized (this) {
          unwritten = offsets[(int) (toSeq - 1)] >= writtenLength;
        }
        if (unwritten) {
          flush(false);
        }
      }
    }
    for (long s = fromSeq; s < toSeq; s += 4096) {
      readRange(s, Math.min(toSeq, s + 4096), sink);
    }
  }

  /** Reads entries [from, to) from the file, each checked in one pass and decoded once. */
  private void readRange(long from, long to, Consumer<? super AuditEntry> sink) {
    long start;
    long end;
    long[] offs;
    synchronized (this) {
      start = offsets[(int) from];
      end = to < size ? offsets[(int) to] : length;
      offs = offsets;
    }
    long span = end - start;
    if (span > Integer.MAX_VALUE - 16) {
      throw new LogStorageException(file.toString(), "entries " + from + " to " + to + " of " + file + " span more than 2 GiB", null);
    }
    byte[] buf = new byte[(int) span];
    try {
      synchronized (in) {
        in.seek(start);
        int n = 0;
        while (n < buf.length) {
          int r = in.read(buf, n, buf.length - n);
          if (r < 0) {
            throw new IOException("unexpected end of file at byte " + (start + n));
          }
          n += r;
        }
      }
    } catch (IOException e) {
      throw new LogStorageException(file.toString(), "cannot read log file " + file + ": " + e.getMessage(), e);
    }
    AuditEntryCodec codec = new AuditEntryCodec();
    for (long s = from; s < to; s++) {
      int off = (int) (offs[(int) s] - start);
      int lineEnd = (int) ((s + 1 < to ? offs[(int) (s + 1)] : end) - start) - 1;
      AuditEntry e = codec.read(buf, off, lineEnd - off, s);
      sink.accept(e);
    }
  }

  @Override
  public Optional<RepairReport> repairReport() {
    return Optional.ofNullable(repair);
  }

  @Override
  public String describe() {
    return file.toString();
  }

  @Override
  public void close() {
    synchronized (flushLock) {
      synchronized (this) {
        if (closed) {
          return;
        }
      }
      try {
        if (!readOnly && failure == null) {
          flush(true);
        }
      } finally {
        synchronized (this) {
          closed = true;
        }
        try {
          in.close();
          if (out != null) {
            out.close();
          }
        } catch (IOException e) {
          throw new LogStorageException(file.toString(), "cannot close log file " + file + ": " + e.getMessage(), e);
        }
      }
    }
  }
}
