package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.spi.LogConflictException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

class InMemoryAuditStoreTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:15:30.123Z");

  private final AuditEntryCodec codec = new AuditEntryCodec();

  /** An event of varying shape: plain and escaped strings, nesting, sometimes a state digest. */
  private static AuditEvent event(Random rnd, int i, int blobLength) {
    Map<String, Object> data = new TreeMap<>();
    data.put("i", i);
    data.put("blob", "x".repeat(blobLength));
    if (i % 3 == 0) {
      data.put("text", "tab\there \"quoted\" ünïcödé 😀 \u0001");
      data.put("nested", Map.of("seq", i, "hash", "not-a-hash", "list", List.of(1, "two", true)));
    }
    AuditEvent e = AuditEvent.of(i % 2 == 0 ? "task.started" : "migration.step-" + (i % 7) + ".done",
        i % 5 == 0 ? "actör \"" + i + "\"" : "engine", data);
    return rnd.nextInt(4) == 0 ? e.withState(Hash.sha256(new byte[] {(byte) i})) : e;
  }

  /** A time of varying shape: the years 0000 and 9999, before 1970, and with microseconds. */
  private static Instant time(int i) {
    switch (i % 6) {
      case 1:
        return Instant.parse("0000-01-01T00:00:00.000Z").plusMillis(i);
      case 2:
        return Instant.parse("9999-12-31T23:59:59.999Z").minusMillis(i);
      case 3:
        return Instant.parse("1969-12-31T23:59:59.999Z").minusMillis(i);
      case 4:
        return T0.plusNanos(i * 1001L);
      default:
        return T0.plusMillis(i * 997L);
    }
  }

  /** Appends {@code n} entries to the store and returns them as appended. */
  private List<AuditEntry> fill(InMemoryAuditStore store, int n, Random rnd, int maxBlob) {
    List<AuditEntry> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      AuditEntry e = codec.encode(event(rnd, i, rnd.nextInt(maxBlob + 1)), store.size(), time(i), store.lastHash());
      store.append(e);
      out.add(e);
    }
    return out;
  }

  private static List<AuditEntry> read(InMemoryAuditStore store, long from, long to) {
    List<AuditEntry> out = new ArrayList<>();
    store.read(from, to, out::add);
    return out;
  }

  private static void assertSameEntries(List<AuditEntry> actual, List<AuditEntry> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      AuditEntry a = actual.get(i);
      AuditEntry e = expected.get(i);
      assertThat(a.canonicalBytes()).as("bytes of seq %d", e.seq()).isEqualTo(e.canonicalBytes());
      assertThat(a.seq()).isEqualTo(e.seq());
      assertThat(a.hash()).isEqualTo(e.hash());
      assertThat(a.prev()).isEqualTo(e.prev());
      assertThat(a.time()).isEqualTo(e.time());
      assertThat(a.event()).isEqualTo(e.event());
      assertThat(a).isEqualTo(e);
    }
  }

  @Test
  void read_returnsEveryEntryExactlyAsAppended_acrossManySmallChunks() {
    InMemoryAuditStore store = new InMemoryAuditStore(200, 1500);
    Random rnd = new Random(42);
    List<AuditEntry> appended = fill(store, 3000, rnd, 600);
    assertThat(store.size()).isEqualTo(3000);
    assertThat(store.lastHash()).isEqualTo(appended.get(2999).hash());
    assertSameEntries(read(store, 0, 3000), appended);
    for (int k = 0; k < 40; k++) {
      int from = rnd.nextInt(3001);
      int to = from + rnd.nextInt(3001 - from);
      assertSameEntries(read(store, from, to), appended.subList(from, to));
    }
  }

  @Test
  void read_returnsEveryEntryExactlyAsAppended_acrossTheDefaultChunks() {
    InMemoryAuditStore store = new InMemoryAuditStore();
    Random rnd = new Random(7);
    // over a megabyte of records: the chunks of 4 KiB and up to 1 MiB fill up, and the index spans chunks
    List<AuditEntry> appended = fill(store, 5000, rnd, 400);
    assertSameEntries(read(store, 0, appended.size()), appended);
    assertSameEntries(read(store, 1234, 2345), appended.subList(1234, 2345));
    assertSameEntries(read(store, 4000, 4200), appended.subList(4000, 4200));
  }

  @Test
  void linesLongerThanAChunk_getAChunkOfTheirOwn_betweenShortOnes() {
    InMemoryAuditStore store = new InMemoryAuditStore(100, 300);
    Random rnd = new Random(3);
    List<AuditEntry> appended = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      int blob = i % 4 == 1 ? 5000 + i : rnd.nextInt(40);
      AuditEntry e = codec.encode(event(rnd, i, blob), store.size(), T0, store.lastHash());
      store.append(e);
      appended.add(e);
    }
    assertSameEntries(read(store, 0, 60), appended);
    for (int i = 0; i < 60; i++) {
      assertSameEntries(read(store, i, i + 1), appended.subList(i, i + 1));
    }
  }

  @Test
  void aLineLongerThanTheLargestDefaultChunk_readsBack() {
    InMemoryAuditStore store = new InMemoryAuditStore();
    Random rnd = new Random(5);
    List<AuditEntry> appended = new ArrayList<>(fill(store, 3, rnd, 10));
    AuditEntry big = codec.encode(event(rnd, 3, InMemoryAuditStore.MAX_CHUNK + 1000), 3, T0, store.lastHash());
    assertThat(big.lineLength()).isGreaterThan(InMemoryAuditStore.MAX_CHUNK);
    store.append(big);
    appended.add(big);
    AuditEntry after = codec.encode(event(rnd, 4, 10), 4, T0, store.lastHash());
    store.append(after);
    appended.add(after);
    assertSameEntries(read(store, 0, 5), appended);
  }

  @Test
  void aConflictingAppend_isRefused_andLeavesTheStoreUnchanged() {
    InMemoryAuditStore store = new InMemoryAuditStore(200, 400);
    Random rnd = new Random(11);
    List<AuditEntry> appended = new ArrayList<>(fill(store, 10, rnd, 50));
    Hash last = store.lastHash();

    AuditEntry wrongSeq = codec.encode(event(rnd, 10, 20), 11, T0, last);
    assertThatThrownBy(() -> store.append(wrongSeq))
        .isInstanceOf(LogConflictException.class)
        .hasMessage("in-memory log: expected an entry at seq 10, got seq 11");
    AuditEntry wrongPrev = codec.encode(event(rnd, 10, 20), 10, T0, appended.get(8).hash());
    assertThatThrownBy(() -> store.append(wrongPrev))
        .isInstanceOf(LogConflictException.class)
        .hasMessage("in-memory log: entry at seq 10 has prev " + appended.get(8).hash() + " but the last stored hash is " + last);
    AuditEntry again = appended.get(9);
    assertThatThrownBy(() -> store.append(again)).isInstanceOf(LogConflictException.class);
    assertThatThrownBy(() -> store.append(null)).isInstanceOf(NullPointerException.class);

    assertThat(store.size()).isEqualTo(10);
    assertThat(store.lastHash()).isEqualTo(last);
    assertSameEntries(read(store, 0, 10), appended);
    // the next entry in order is still accepted and lands right after the others
    AuditEntry next = codec.encode(event(rnd, 10, 20), 10, T0, last);
    store.append(next);
    appended.add(next);
    assertSameEntries(read(store, 0, 11), appended);
  }

  @Test
  void read_outsideTheStore_isRefused_andReadsNothing() {
    InMemoryAuditStore store = new InMemoryAuditStore();
    fill(store, 3, new Random(1), 10);
    List<AuditEntry> got = new ArrayList<>();
    assertThatThrownBy(() -> store.read(-1, 1, got::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("range [-1, 1) is outside the log (size 3)");
    assertThatThrownBy(() -> store.read(2, 1, got::add)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.read(0, 4, got::add))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("range [0, 4) is outside the log (size 3)");
    store.read(3, 3, got::add);
    store.read(0, 0, got::add);
    assertThat(got).isEmpty();
    assertThat(store.size()).isEqualTo(3);
  }

  @Test
  void aSinkThatThrows_orReadsAgainInside_leavesLaterReadsWorking() {
    InMemoryAuditStore store = new InMemoryAuditStore(150, 600);
    List<AuditEntry> appended = fill(store, 50, new Random(9), 100);
    assertThatThrownBy(() -> store.read(0, 50, e -> {
      if (e.seq() == 20) {
        throw new IllegalStateException("sink gave up");
      }
    })).hasMessage("sink gave up");
    List<AuditEntry> outer = new ArrayList<>();
    List<AuditEntry> inner = new ArrayList<>();
    store.read(0, 50, e -> {
      outer.add(e);
      store.read(e.seq(), e.seq() + 1, inner::add);
    });
    assertSameEntries(outer, appended);
    assertSameEntries(inner, appended);
    assertSameEntries(read(store, 0, 50), appended);
  }

  @Test
  void chunkSizes_areChecked() {
    assertThatThrownBy(() -> new InMemoryAuditStore(0, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new InMemoryAuditStore(20, 10)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void readsConcurrentWithAppends_seeAConsistentPrefix() throws Exception {
    InMemoryAuditStore store = new InMemoryAuditStore(300, 5000);
    int n = 5000;
    AtomicReferenceArray<AuditEntry> expected = new AtomicReferenceArray<>(n);
    AtomicBoolean done = new AtomicBoolean();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    CountDownLatch started = new CountDownLatch(3);
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 3; r++) {
      Random rnd = new Random(r);
      Thread t = new Thread(() -> {
        started.countDown();
        try {
          long checked = 0;
          while (!done.get() || checked == 0) {
            long size = store.size();
            long from = size == 0 ? 0 : rnd.nextInt((int) size);
            List<AuditEntry> got = read(store, from, size);
            for (AuditEntry e : got) {
              AuditEntry want = expected.get((int) e.seq());
              if (want == null || !e.equals(want) || !e.prev().equals(want.prev())) {
                throw new AssertionError("entry " + e.seq() + " read back differently: " + e);
              }
            }
            if (got.size() != size - from) {
              throw new AssertionError("read " + got.size() + " entries of [" + from + ", " + size + ")");
            }
            checked += got.size();
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      t.start();
      readers.add(t);
    }
    started.await();
    Random rnd = new Random(99);
    for (int i = 0; i < n; i++) {
      AuditEntry e = codec.encode(event(rnd, i, rnd.nextInt(200)), i, T0, store.lastHash());
      expected.set(i, e);
      store.append(e);
    }
    done.set(true);
    for (Thread t : readers) {
      t.join();
    }
    assertThat(failures).isEmpty();
    List<AuditEntry> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(expected.get(i));
    }
    assertSameEntries(read(store, 0, n), all);
  }

  @Test
  void anInMemoryLog_appendedFromManyThreads_readsBackItsChain() throws Exception {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    ConcurrentLinkedQueue<AuditEntry> returned = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    try (AuditLog log = AuditLog.inMemory(clock)) {
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          Random rnd = new Random(id);
          try {
            for (int i = 0; i < 500; i++) {
              returned.add(log.append(event(rnd, i, rnd.nextInt(100))));
              AuditEntry e = log.entry(rnd.nextInt((int) log.size()));
              if (!e.hash().equals(log.leafHash(e.seq()))) {
                throw new AssertionError("entry " + e.seq() + " does not match its leaf");
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        th.start();
        threads.add(th);
      }
      for (Thread th : threads) {
        th.join();
      }
      assertThat(failures).isEmpty();
      List<AuditEntry> read = log.entries(0, log.size());
      assertThat(read).hasSize(2000);
      Hash prev = Hash.ZERO;
      for (AuditEntry e : read) {
        assertThat(e.prev()).isEqualTo(prev);
        assertThat(e.hash()).isEqualTo(log.leafHash(e.seq()));
        assertThat(e.time()).isEqualTo(T0);
        prev = e.hash();
      }
      assertThat(read).containsExactlyInAnyOrderElementsOf(returned);
    }
  }
}
