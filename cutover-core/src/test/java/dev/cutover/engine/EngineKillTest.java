package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditLog;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the twenty-task cutover in a child JVM over a durable file log, kills it with {@code kill
 * -9} at random moments, resumes it each time, and checks that every effect was applied (and
 * undone) exactly once, that the log verifies and replays, and that the final state is that of an
 * uninterrupted run.
 */
class EngineKillTest {
  @TempDir Path dir;
  private final java.util.Map<Boolean, String> references = new java.util.HashMap<>();

  private Process start(Path run, boolean noGo) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            CrashChild.class.getName(),
            run.toString(),
            Boolean.toString(noGo))
        .redirectErrorStream(true)
        .start();
  }

  private String uninterruptedDigest(boolean noGo) {
    return references.computeIfAbsent(
        noGo,
        k -> {
          Path ref = dir.resolve("reference-" + noGo);
          FileWorld world = new FileWorld(ref);
          try (AuditLog log = AuditLog.open(ref.resolve("run.log"), Clock.systemUTC())) {
            return world.engine(log, noGo, 0).run().stateDigest();
          }
        });
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void killNineAtRandomMoments_resumesToExactlyOnceEffects() throws Exception {
    Random random = new Random(4242);
    int kills = 0;
    int resumed = 0;
    int resolved = 0;
    List<String> outcomes = new ArrayList<>();
    for (int trial = 0; kills < 30 || trial < 6; trial++) {
      boolean noGo = trial % 2 == 1;
      Path run = dir.resolve("trial-" + trial);
      new FileWorld(run);
      int killsThisTrial = 0;
      while (true) {
        Process p = start(run, noGo);
        java.io.BufferedReader out =
            new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          seen.append(line).append('\n');
          if (line.equals("READY")) {
            break;
          }
        }
        boolean kill = killsThisTrial < 6;
        if (kill && !p.waitFor(random.nextInt(400), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor();
          kills++;
          killsThisTrial++;
          continue;
        }
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          seen.append(line).append('\n');
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(seen.toString()).isZero();
        outcomes.add(seen.toString().trim());
        break;
      }
      FileWorld world = new FileWorld(run);
      try (AuditLog log = AuditLog.readOnly(run.resolve("run.log"))) {
        Engine engine = world.engine(log, noGo, 0);
        var replay = engine.replay();
        assertThat(replay.consistent()).isTrue();
        assertThat(replay.digest()).isEqualTo(uninterruptedDigest(noGo));
        RunStatus status = replay.state().status();
        for (var e : log.entries(0, log.size())) {
          if (e.type().equals("run.resumed")) {
            resumed++;
          }
          if (e.type().equals("task.resolved") || e.type().equals("task.undo.resolved")) {
            resolved++;
          }
        }
        for (int i = 1; i <= 17; i++) {
          String id = String.format("s%02d", i);
          if (!noGo) {
            assertThat(status).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(world.applied(id)).as("%s applied in trial %d", id, trial).isEqualTo(1);
            assertThat(world.undone(id)).isZero();
          } else {
            assertThat(status).isEqualTo(RunStatus.ROLLED_BACK);
            assertThat(world.applied(id)).as("%s applied in trial %d", id, trial).isEqualTo(i <= 14 ? 1 : 0);
            assertThat(world.undone(id)).as("%s undone in trial %d", id, trial).isEqualTo(i <= 14 ? 1 : 0);
            assertThat(world.present(id)).isFalse();
          }
        }
      }
    }
    assertThat(kills).isGreaterThanOrEqualTo(30);
    // The kills landed inside runs, not only before the engine started or after it finished.
    assertThat(resumed).isGreaterThanOrEqualTo(10);
    System.out.printf("kill -9: %d kills, %d resumed sessions, %d in-flight resolutions%n", kills, resumed, resolved);
    assertThat(outcomes).allSatisfy(o -> assertThat(o).contains("RESULT "));
  }

  static String classpath() {
    return System.getProperty("java.class.path").replace(File.pathSeparatorChar, '\n');
  }
}
