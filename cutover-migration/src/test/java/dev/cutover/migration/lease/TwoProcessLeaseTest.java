package dev.cutover.migration.lease;

import static dev.cutover.migration.TestSql.exec;
import static dev.cutover.migration.TestSql.factory;
import static dev.cutover.migration.TestSql.queryLong;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.migration.MigrationRunner;
import dev.cutover.migration.RunOptions;
import dev.cutover.migration.SqlStep;
import dev.cutover.migration.testing.DatabaseTest;
import dev.cutover.migration.testing.FreshDatabase;
import dev.cutover.migration.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Two JVMs start the same cutover on PostgreSQL; one runs, is killed, the other takes over. */
class TwoProcessLeaseTest {
  private static final int STEPS = 12;
  /**
   * Short, but long enough that a holder on a heavily loaded machine still renews in time (it
   * renews before every 250 ms step).
   */
  private static final long LEASE_MILLIS = 4000;

  @DatabaseTest(TestDatabase.POSTGRESQL)
  void secondProcess_takesOverAfterKill9_andTheDeadHoldersTokenIsRefused(FreshDatabase db)
      throws Exception {
    exec(db, "CREATE TABLE work (step_id VARCHAR(10) PRIMARY KEY, owner VARCHAR(20) NOT NULL)");
    Worker a = new Worker(db, "proc-a");
    Worker b = new Worker(db, "proc-b");
    try {
      String first = null;
      Worker holder = null;
      Worker other = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (holder == null && System.nanoTime() < deadline) {
        for (Worker w : List.of(a, b)) {
          String line = w.lines.poll(50, TimeUnit.MILLISECONDS);
          if (line != null && line.startsWith("ACQUIRED")) {
            holder = w;
            other = w == a ? b : a;
            first = line;
          }
        }
      }
      assertThat(holder).as("one process acquires the lease").isNotNull();
      long holderToken = Long.parseLong(first.substring("ACQUIRED ".length()));
      // the other one waits while the holder works
      assertThat(other.await("WAITING", 30)).as("other: %s", other.all).isTrue();
      assertThat(holder.await("APPLIED S02", 30)).as("holder: %s", holder.all).isTrue();
      assertThat(other.seen("ACQUIRED")).isFalse();

      holder.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      assertThat(other.await("ACQUIRED", 30)).as("takeover after expiry").isTrue();
      assertThat(other.await("DONE", 60)).isTrue();
      assertThat(other.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(other.process.exitValue()).isZero();
      long otherToken = Long.parseLong(other.lineStarting("ACQUIRED").substring(9));
      assertThat(otherToken).isGreaterThan(holderToken);

      // every step exactly once, no duplicates, all in the ledger
      assertThat(queryLong(db, "SELECT COUNT(*) FROM work")).isEqualTo(STEPS);
      assertThat(queryLong(db, "SELECT COUNT(DISTINCT step_id) FROM work")).isEqualTo(STEPS);
      assertThat(queryLong(db, "SELECT COUNT(*) FROM cutover_ledger WHERE state = 'APPLIED'"))
          .isEqualTo(STEPS);
      assertThat(queryLong(db, "SELECT COUNT(*) FROM work WHERE owner = '" + holder.owner + "'"))
          .isBetween(3L, (long) STEPS - 1);

      // the dead holder's late write: refused with its stale token
      CutoverLease dead = CutoverLease.builder().connections(factory(db)).name("release-42")
          .owner(holder.owner).duration(Duration.ofSeconds(2)).build();
      LeaseGrant stale = new LeaseGrant("release-42", holder.owner, holderToken,
          Instant.now().plusSeconds(60));
      MigrationRunner late = MigrationRunner.builder().connections(factory(db)).build();
      assertThatThrownBy(() -> late.run(
              List.of(SqlStep.of("S99", "INSERT INTO work VALUES ('S99', 'late')")),
              RunOptions.builder().fence(dead.fence(stale)).build()))
          .isInstanceOfSatisfying(LeaseLostException.class, e -> {
            assertThat(e.token()).isEqualTo(holderToken);
            assertThat(e.currentToken()).isEqualTo(otherToken);
          });
      assertThat(queryLong(db, "SELECT COUNT(*) FROM work")).isEqualTo(STEPS);
    } finally {
      a.process.destroyForcibly();
      b.process.destroyForcibly();
    }
  }

  private static final class Worker {
    final String owner;
    final Process process;
    final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    final List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();

    Worker(FreshDatabase db, String owner) throws Exception {
      this.owner = owner;
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      this.process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          LeaseWorker.class.getName(), db.url(), db.user(), owner, String.valueOf(STEPS), "250",
          String.valueOf(LEASE_MILLIS))
          .redirectErrorStream(true).start();
      Thread t = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            all.add(line);
            lines.add(line);
          }
        } catch (java.io.IOException ignored) {
          // the process died
        }
      });
      t.setDaemon(true);
      t.start();
    }

    boolean seen(String prefix) {
      return all.stream().anyMatch(l -> l.startsWith(prefix));
    }

    String lineStarting(String prefix) {
      return all.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    }

    boolean await(String prefix, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        if (seen(prefix)) {
          return true;
        }
        Thread.sleep(20);
      }
      return seen(prefix);
    }
  }
}
