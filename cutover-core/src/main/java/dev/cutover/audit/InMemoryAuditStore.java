package dev.cutover.audit;

import dev.cutover.audit.spi.AuditStore;
import dev.cutover.audit.spi.LogConflictException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Keeps entries as bytes, not objects: each entry as a compact {@link EntryRecords record} (its
 * canonical line less what format v1 fixes and what the store can supply, about 60% of the line),
 * back to back in large append-only byte chunks, with one {@code long} per entry saying where its
 * record ends. A read rebuilds each line exactly and decodes it through the codec's one-pass reader,
 * which also rechecks the line's canonical form and hash. A log of millions of entries is then a
 * few hundred arrays to the garbage collector, not millions of entry, time, hash and line objects
 * that young collections copy again and again, and the heap grows by less per entry.
 *
 * <p>Layout: a record goes at the end of the last chunk if it fits, otherwise at offset 0 of a new
 * chunk, so record {@code i} starts where record {@code i - 1} ended if both are in the same chunk,
 * and at 0 otherwise. The index entry packs the chunk number (high 32 bits) and the end offset in it
 * (low 32 bits). Chunks double in size from {@code firstChunk} up to {@code maxChunk} (a small log
 * stays small; a large one is a few large arrays, which G1 allocates as humongous objects and never
 * copies); a record longer than that gets a chunk of exactly its own size.
 *
 * <p>Thread-safe: appends are serialised. Bytes and index slots below the size are never written
 * again, so a read takes the arrays and checks the range under the lock, then rebuilds, decodes and
 * calls the sink outside it.
 */
final class InMemoryAuditStore implements AuditStore {
  /** Room left for the array header: a chunk of a power of two less this fills whole regions. */
  private static final int HEADER_ROOM = 64;
  /** The first chunk's size: a log of a few entries stays small. */
  static final int FIRST_CHUNK = (4 << 10) - HEADER_ROOM;
  /**
   * The largest chunk: 32 MiB less room for the array header, so that it fills whole G1 regions
   * (of 1 to 32 MiB) and, as a humongous object, is allocated in place and never copied. Fewer,
   * larger humongous allocations also mean fewer of the concurrent cycles that each humongous
   * allocation over the occupancy threshold starts.
   */
  static final int MAX_CHUNK = (32 << 20) - HEADER_ROOM;

  private static final int INDEX_SHIFT = 12; // 4096 entries, 32 KiB per index chunk
  private static final int INDEX_CHUNK = 1 << INDEX_SHIFT;
  private static final int INDEX_MASK = INDEX_CHUNK - 1;

  private final int firstChunk;
  private final int maxChunk;
  private final AtomicReference<EntryRecords.Reader> spareReader = new AtomicReference<>();
  private byte[][] chunks = new byte[4][];
  private int chunkCount;
  /** Bytes used in the last chunk. */
  private int fill;
  private long[][] index = new long[4][];
  private long size;
  private Hash last = Hash.ZERO;

  InMemoryAuditStore() {
    this(FIRST_CHUNK, MAX_CHUNK);
  }

  /** With other chunk sizes, so that tests cross chunk boundaries cheaply. */
  InMemoryAuditStore(int firstChunk, int maxChunk) {
    if (firstChunk < 1 || maxChunk < firstChunk) {
      throw new IllegalArgumentException("chunk sizes must satisfy 1 <= first <= max, got first " + firstChunk + " and max " + maxChunk);
    }
    this.firstChunk = firstChunk;
    this.maxChunk = maxChunk;
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
    long n = size;
    Stores.checkNext(entry, n, last, describe());
    int record = EntryRecords.length(entry);
    // allocate everything first, so that running out of memory leaves the store as it was
    long[][] ix = index;
    int slot = (int) (n >>> INDEX_SHIFT);
    if (slot == ix.length) {
      ix = Arrays.copyOf(ix, ix.length * 2);
    }
    long[] indexChunk = ix[slot];
    if (indexChunk == null) {
      indexChunk = new long[INDEX_CHUNK];
    }
    byte[][] cs = chunks;
    int c = chunkCount - 1;
    int at = fill;
    if (c < 0 || record > cs[c].length - at) {
      byte[] chunk = new byte[Math.max(record, nextChunkSize())];
      c++;
      if (c == cs.length) {
        cs = Arrays.copyOf(cs, cs.length * 2);
      }
      cs[c] = chunk;
      at = 0;
    }
    EntryRecords.write(entry, cs[c], at);
    ix[slot] = indexChunk;
    indexChunk[(int) (n & INDEX_MASK)] = ((long) c << 32) | (at + record);
    index = ix;
    chunks = cs;
    chunkCount = c + 1;
    fill = at + record;
    last = entry.hash();
    size = n + 1;
  }

  private int nextChunkSize() {
    int shift = Math.min(chunkCount, 30);
    long size = (((long) firstChunk + HEADER_ROOM) << shift) - HEADER_ROOM;
    return (int) Math.min(size, maxChunk);
  }

  @Override
  public void read(long fromSeq, long toSeq, Consumer<? super AuditEntry> sink) {
    Objects.requireNonNull(sink, "sink");
    byte[][] cs;
    long[][] ix;
    synchronized (this) {
      Stores.checkRange(fromSeq, toSeq, size);
      cs = chunks;
      ix = index;
    }
    if (fromSeq == toSeq) {
      return;
    }
    EntryRecords.Reader r = spareReader.getAndSet(null);
    if (r == null) {
      r = new EntryRecords.Reader();
    }
    try {
      long before = fromSeq == 0 ? -1 : at(ix, fromSeq - 1);
      for (long i = fromSeq; i < toSeq; i++) {
        long p = at(ix, i);
        int c = (int) (p >>> 32);
        int end = (int) p;
        int start = before >>> 32 == c ? (int) before : 0;
        // the previous entry's hash ends its record; seq 0 follows the zero hash
        byte[] prevChunk = before < 0 ? null : cs[(int) (before >>> 32)];
        int prevEnd = (int) before;
        before = p;
        sink.accept(r.entry(i, cs[c], start, end, prevChunk, prevEnd));
      }
    } finally {
      spareReader.set(r);
    }
  }

  private static long at(long[][] ix, long i) {
    return ix[(int) (i >>> INDEX_SHIFT)][(int) (i & INDEX_MASK)];
  }

  @Override
  public String describe() {
    return "in-memory log";
  }

  @Override
  public void close() {}

  /** Shared checks of the built-in stores. */
  static final class Stores {
    private Stores() {}

    static void checkNext(AuditEntry entry, long size, Hash last, String store) {
      if (entry.seq() != size) {
        throw new LogConflictException(size, entry.seq(), store + ": expected an entry at seq " + size + ", got seq " + entry.seq());
      }
      if (!entry.prev().equals(last)) {
        throw new LogConflictException(
            size, entry.seq(), store + ": entry at seq " + size + " has prev " + entry.prev() + " but the last stored hash is " + last);
      }
    }

    static void checkRange(long from, long to, long size) {
      if (from < 0 || from > to || to > size) {
        throw new IllegalArgumentException("range [" + from + ", " + to + ") is outside the log (size " + size + ")");
      }
    }
  }
}
