package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends durably and is killed with SIGKILL ({@code ProcessHandle.destroyForcibly}) at random
 * moments, 50 times; every append that returned must be in the log after reopening, and the log
 * must verify.
 */
class CrashTest {
  private static final int KILLS = 50;

  @TempDir Path dir;

  @Test
  void killMinus9_atRandomMoments_losesNoReturnedAppend() throws Exception {
    Path file = dir.resolve("crash.log");
    Random random = new Random(42);
    Map<Long, String> returned = new HashMap<>();
    int repairs = 0;
    Path archive = dir.resolve("child.jsa");
    Process warmUp = new ProcessBuilder(command(file, "warm-up", "-XX:ArchiveClassesAtExit=" + archive))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(warmUp.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String shared = java.nio.file.Files.exists(archive) ? "-XX:SharedArchiveFile=" + archive : "-Xshare:auto";
    for (int run = 0; run < KILLS; run++) {
      Process p = new ProcessBuilder(command(file, "r" + run, shared)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String ready = out.readLine();
      assertThat(ready).as("child %d started", run).startsWith("ready ");
      // let it return a random number of appends first, so every run checks some, then kill it a
      // random moment later, usually in the middle of a group commit
      int before = 1 + random.nextInt(20);
      for (int seen = 0; seen < before; seen++) {
        record(out.readLine(), returned);
      }
      Thread.sleep(random.nextInt(30));
      // SIGKILL through the handle, which (unlike Process.destroyForcibly) leaves our end of the
      // pipe open, so every line the child printed before it died can still be read
      assertThat(p.toHandle().destroyForcibly()).isTrue();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      for (String line; (line = out.readLine()) != null; ) {
        record(line, returned);
      }
      try (AuditLog log = AuditLog.open(file, java.time.Clock.systemUTC())) {
        if (log.repairReport().isPresent()) {
          repairs++;
        }
        for (Map.Entry<Long, String> e : returned.entrySet()) {
          assertThat(e.getKey()).as("returned seq %d is in the log", e.getKey()).isLessThan(log.size());
        }
      }
    }
    LogVerification v = AuditLogVerifier.verify(file);
    assertThat(v.ok()).as(v.summary()).isTrue();
    try (AuditLog log = AuditLog.readOnly(file)) {
      for (Map.Entry<Long, String> e : returned.entrySet()) {
        AuditEntry entry = log.entry(e.getKey());
        assertThat(entry.actor() + " " + entry.data().get("i")).isEqualTo(e.getValue());
      }
    }
    assertThat(returned).hasSizeGreaterThanOrEqualTo(KILLS);
    System.out.println("crash test: " + KILLS + " kills, " + returned.size() + " returned appends checked, " + repairs + " torn tails repaired");
  }

  private static void record(String line, Map<Long, String> returned) {
    assertThat(line).as("child output").isNotNull();
    String[] f = line.split(" ");
    if (f.length == 3) { // a line cut by the kill is not a returned append
      returned.put(Long.parseLong(f[0]), f[1] + " " + f[2]);
    }
  }

  private static List<String> command(Path file, String run, String cdsOption) {
    String cp = System.getProperty("java.class.path", "");
    String mp = System.getProperty("jdk.module.path", "");
    String classPath = mp.isEmpty() ? cp : cp.isEmpty() ? mp : cp + File.pathSeparator + mp;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:-UsePerfData");
    cmd.add(cdsOption);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(CrashChild.class.getName());
    cmd.add(file.toString());
    cmd.add(run);
    return cmd;
  }
}
