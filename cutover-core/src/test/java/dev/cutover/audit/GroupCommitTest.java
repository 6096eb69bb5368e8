package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit under many writers: every append returns only once the store's forced prefix covers
 * it, interrupts do not cut a wait short (and stay set), and the entries form one chain.
 */
class GroupCommitTest {
  @TempDir Path dir;

  @RepeatedTest(3)
  void append_returnsOnlyOnceForced_evenWhenInterrupted() throws Exception {
    Path file = dir.resolve("audit.log");
    FileAuditStore store = FileAuditStore.open(file, false, new MerkleTree());
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    int writers = 64;
    int each = 150;
    try (AuditLog log = AuditLog.open(store, AuditLogTest.CLOCK)) {
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < writers; t++) {
        int id = t;
        Thread th = new Thread(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            return;
          }
          try {
            for (int i = 0; i < each; i++) {
              // a writer whose interrupt flag is set must neither break the file channel (an
              // interrupted write closes it) nor lose the flag
              if (id % 4 == 0 && i % 10 == 0) {
                Thread.currentThread().interrupt();
              }
              boolean interrupted = Thread.currentThread().isInterrupted();
              AuditEntry e = log.append(AuditEvent.of("work.done", "worker-" + id, Map.of("i", i)));
              long durable = store.durableSeq();
              if (durable < e.seq()) {
                problems.add("append of seq " + e.seq() + " returned while only " + durable + " was forced");
              }
              if (interrupted && !Thread.interrupted()) {
                problems.add("the interrupt of writer " + id + " was lost");
              }
            }
          } catch (RuntimeException e) {
            problems.add("writer " + id + " failed: " + e);
          }
        });
        th.start();
        threads.add(th);
      }
      start.countDown();
      for (Thread th : threads) {
        th.join();
      }
      assertThat(problems).isEmpty();
      assertThat(log.size()).isEqualTo((long) writers * each);
      Thread.currentThread().interrupt();
      try {
        assertThat(log.entry(7).seq()).isEqualTo(7);
      } finally {
        assertThat(Thread.interrupted()).as("the reader's interrupt is kept").isTrue();
      }
      assertThat(log.entry(8).seq()).as("the channel is still open after a read on an interrupted thread").isEqualTo(8);
    }
    LogVerification v = AuditLogVerifier.verify(file);
    assertThat(v.ok()).as(v.summary()).isTrue();
    assertThat(v.verifiedEntries()).isEqualTo((long) writers * each);
  }

  /**
   * The commit delay waits for as many entries as the last fsync covered; when those writers are
   * gone, a lone writer's next appends must still each become durable and return.
   */
  @RepeatedTest(3)
  void commitDelay_doesNotStrandALoneWriterAfterACrowd() throws Exception {
    Path file = dir.resolve("audit.log");
    FileAuditStore store = FileAuditStore.open(file, false, new MerkleTree());
    try (AuditLog log = AuditLog.open(store, AuditLogTest.CLOCK)) {
      List<Thread> crowd = threads(32, id -> () -> {
        for (int i = 0; i < 5; i++) {
          log.append(AuditEvent.of("work.done", "crowd-" + id, Map.of("i", i)));
        }
      });
      crowd.forEach(Thread::start);
      for (Thread th : crowd) {
        th.join();
      }
      for (int i = 0; i < 50; i++) {
        AuditEntry e = log.append(AuditEvent.of("work.done", "alone", Map.of("i", i)));
        assertThat(store.durableSeq()).as("durable after append %d", e.seq()).isGreaterThanOrEqualTo(e.seq());
      }
      assertThat(log.size()).isEqualTo(32 * 5 + 50);
    }
    LogVerification v = AuditLogVerifier.verify(file);
    assertThat(v.ok()).as(v.summary()).isTrue();
  }

  /**
   * Interrupts that arrive at any moment, while writers wait, lead or force and while readers
   * read, must not break the log: an interrupted channel would be closed for everyone.
   */
  @RepeatedTest(3)
  void interruptsDuringTheWait_neverCloseTheChannel() throws Exception {
    Path file = dir.resolve("audit.log");
    FileAuditStore store = FileAuditStore.open(file, false, new MerkleTree());
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    int writers = 16;
    int each = 200;
    try (AuditLog log = AuditLog.open(store, AuditLogTest.CLOCK)) {
      List<Thread> threads = threads(writers, id -> () -> {
        try {
          for (int i = 0; i < each; i++) {
            AuditEntry e = log.append(AuditEvent.of("work.done", "worker-" + id, Map.of("i", i)));
            Thread.interrupted();
            if (store.durableSeq() < e.seq()) {
              problems.add("append of seq " + e.seq() + " returned before it was forced");
            }
          }
        } catch (RuntimeException e) {
          problems.add("writer " + id + " failed: " + e);
        }
      });
      threads.addAll(threads(2, id -> () -> {
        try {
          for (int i = 0; i < 300; i++) {
            long size = log.size();
            if (size > 0 && log.entry(i % size).seq() != i % size) {
              problems.add("reader " + id + " read the wrong entry for seq " + (i % size));
            }
            Thread.interrupted();
          }
        } catch (RuntimeException e) {
          problems.add("reader " + id + " failed: " + e);
        }
      }));
      threads.forEach(Thread::start);
      Random random = new Random(42);
      while (threads.stream().anyMatch(Thread::isAlive)) {
        threads.get(random.nextInt(threads.size())).interrupt();
        Thread.onSpinWait();
      }
      for (Thread th : threads) {
        th.join();
      }
      assertThat(problems).isEmpty();
      assertThat(log.size()).isEqualTo((long) writers * each);
    }
    LogVerification v = AuditLogVerifier.verify(file);
    assertThat(v.ok()).as(v.summary()).isTrue();
  }

  /** Closing the log while writers wait ends every wait: each append returns or is refused. */
  @RepeatedTest(5)
  void closeWhileWritersWait_releasesEveryWriter() throws Exception {
    Path file = dir.resolve("audit.log");
    FileAuditStore store = FileAuditStore.open(file, false, new MerkleTree());
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicLong returned = new AtomicLong();
    AuditLog log = AuditLog.open(store, AuditLogTest.CLOCK);
    CountDownLatch going = new CountDownLatch(200);
    List<Thread> threads = threads(16, id -> () -> {
      for (int i = 0; ; i++) {
        AuditEntry e;
        try {
          e = log.append(AuditEvent.of("work.done", "worker-" + id, Map.of("i", i)));
        } catch (IllegalStateException | LogStorageException refused) {
          return;
        }
        returned.incrementAndGet();
        going.countDown();
        if (store.durableSeq() < e.seq()) {
          problems.add("append of seq " + e.seq() + " returned before it was forced");
        }
      }
    });
    threads.forEach(Thread::start);
    going.await();
    log.close();
    for (Thread th : threads) {
      th.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(th.isAlive()).as("a writer still waits after close()").isFalse();
    }
    assertThat(problems).isEmpty();
    LogVerification v = AuditLogVerifier.verify(file);
    assertThat(v.ok()).as(v.summary()).isTrue();
    assertThat(v.verifiedEntries()).isGreaterThanOrEqualTo(returned.get());
  }

  /** n unstarted threads, the i-th running {@code body.apply(i)}. */
  private static List<Thread> threads(int n, IntFunction<Runnable> body) {
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      threads.add(new Thread(body.apply(i)));
    }
    return threads;
  }
}
