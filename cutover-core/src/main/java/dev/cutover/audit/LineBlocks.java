package dev.cutover.audit;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks the lines of a log file block by block, each line on its own (canonical form and hash,
 * through {@link CanonicalLine}, and the reference decoder for what that refuses), on a few worker
 * threads, and hands the checked blocks back in file order, so the caller can check what links
 * lines (seq, prev, the tree) on its own thread. Memory use is bounded: a few blocks in flight.
 *
 * <p>Not thread-safe: one caller thread submits and receives blocks.
 */
final class LineBlocks implements AutoCloseable {
  /** The size of a block; a longer line gets a block of its own. */
  static final int BLOCK = 1 << 20;

  /** Receives checked blocks, in order. */
  interface Sink {
    /**
     * Takes a checked block.
     *
     * @return false to stop: later blocks are not checked
     */
    boolean accept(Block block);
  }

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ExecutorService pool;
  private final ArrayDeque<Object> inFlight = new ArrayDeque<>();
  private final int maxInFlight;
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();
  private boolean stopped;

  private LineBlocks(int threads) {
    if (threads <= 1) {
      pool = null;
      maxInFlight = 1;
    } else {
      pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "cutover-log-check-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
      });
      maxInFlight = 2 * threads + 1;
    }
  }

  /**
   * Returns a checker for this many bytes: on the caller's thread alone for small files, on up to
   * one worker per processor (at most four) for larger ones.
   */
  static LineBlocks forBytes(long bytes) {
    int cpus = Runtime.getRuntime().availableProcessors();
    return new LineBlocks(bytes >= 4L * BLOCK ? Math.min(cpus, 4) : 1);
  }

  /** Returns a buffer of at least {@code size} bytes, reused when one is free. */
  byte[] buffer(int size) {
    byte[] b = free.peekFirst();
    if (b != null && b.length >= size) {
      return free.pollFirst();
    }
    return new byte[Math.max(size, BLOCK)];
  }

  /**
   * Checks the complete lines (each ending in a newline) in {@code buf[0, length)}, which start at
   * {@code fileOffset} in the file. Blocks checked so far may be handed to the sink, in order.
   *
   * @return false once the sink has asked to stop
   */
  boolean submit(byte[] buf, int length, long fileOffset, Sink sink) {
    if (stopped) {
      return false;
    }
    Block b = new Block(buf, length, fileOffset);
    if (pool == null) {
      b.check();
      deliver(b, sink);
      return !stopped;
    }
    inFlight.addLast(pool.submit(b::check, b));
    while (inFlight.size() >= maxInFlight && !stopped) {
      deliver(await(inFlight.pollFirst()), sink);
    }
    return !stopped;
  }

  /** Hands every block still in flight to the sink, in order. */
  void finish(Sink sink) {
    while (!inFlight.isEmpty() && !stopped) {
      deliver(await(inFlight.pollFirst()), sink);
    }
  }

  private void deliver(Block b, Sink sink) {
    if (!sink.accept(b)) {
      stopped = true;
    }
    if (free.size() < maxInFlight + 1) {
      free.addLast(b.buf);
    }
  }

  private static Block await(Object f) {
    @SuppressWarnings("unchecked")
    Future<Block> future = (Future<Block>) f;
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          Throwable c = e.getCause();
          if (c instanceof RuntimeException) {
            throw (RuntimeException) c;
          }
          if (c instanceof Error) {
            throw (Error) c;
          }
          throw new IllegalStateException(c);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      for (Object f : inFlight) {
        ((Future<?>) f).cancel(false);
      }
      pool.shutdownNow();
    }
  }

  /**
   * One block of complete lines and what checking each on its own found: for the first {@link
   * #count} lines their start, seq, prev and hash; then, if {@link #failure} is set, the line at
   * index {@code count} failed for that reason.
   */
  static final class Block {
    final byte[] buf;
    final int length;
    final long fileOffset;
    int count;
    int[] starts;
    long[] seqs;
    byte[] prevs;
    byte[] hashes;
    /** Why the line after the last good one failed, or null if every line passed. */
    LogVerification.Reason failure;
    String message;

    Block(byte[] buf, int length, long fileOffset) {
      this.buf = buf;
      this.length = length;
      this.fileOffset = fileOffset;
    }

    /** The start of line i within {@link #buf}, i up to {@link #count} (the failed line). */
    int start(int i) {
      return starts[i];
    }

    /** The file offset of line i. */
    long offset(int i) {
      return fileOffset + starts[i];
    }

    void check() {
      int cap = Math.max(16, length / 200);
      starts = new int[cap + 1];
      seqs = new long[cap];
      prevs = new byte[cap * Hash.LENGTH];
      hashes = new byte[cap * Hash.LENGTH];
      CanonicalLine line = new CanonicalLine();
      AuditEntryCodec reference = null;
      int n = 0;
      int start = 0;
      while (start < length) {
        int nl = start;
        while (buf[nl] != '\n') {
          nl++;
        }
        if (n == seqs.length) {
          grow();
        }
        starts[n] = start;
        if (line.scan(buf, start, nl - start)) {
          seqs[n] = line.seq;
          System.arraycopy(line.prev, 0, prevs, n * Hash.LENGTH, Hash.LENGTH);
          System.arraycopy(line.hash, 0, hashes, n * Hash.LENGTH, Hash.LENGTH);
        } else {
          if (reference == null) {
            reference = new AuditEntryCodec();
          }
          try {
            AuditEntry e = reference.decode(buf, start, nl - start, -1);
            seqs[n] = e.seq();
            System.arraycopy(e.prev().raw(), 0, prevs, n * Hash.LENGTH, Hash.LENGTH);
            System.arraycopy(e.hash().raw(), 0, hashes, n * Hash.LENGTH, Hash.LENGTH);
          } catch (InvalidEntryException ex) {
            failure = ex.reason();
            message = ex.getMessage();
            break;
          }
        }
        n++;
        start = nl + 1;
      }
      count = n;
    }

    private void grow() {
      int cap = seqs.length * 2;
      starts = Arrays.copyOf(starts, cap + 1);
      seqs = Arrays.copyOf(seqs, cap);
      prevs = Arrays.copyOf(prevs, cap * Hash.LENGTH);
      hashes = Arrays.copyOf(hashes, cap * Hash.LENGTH);
    }
  }
}
