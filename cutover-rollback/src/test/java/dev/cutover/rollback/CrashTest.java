package dev.cutover.rollback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditLog;
import dev.cutover.rollback.files.FileTreeScope;
import dev.cutover.rollback.files.Trees;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a child JVM in the middle of a snapshot write and of a restore: afterwards
 * the store holds no corrupt snapshot, and a restore run again completes and verifies.
 */
class CrashTest {
  @TempDir Path dir;

  static SnapshotStore open(Path storeDir, SnapshotListener listener) {
    return SnapshotStore.onFileSystem(storeDir)
        .chunkSize(16 * 1024)
        .clock(MutableClock.at("2026-11-21T10:00:00Z"))
        .listener(listener)
        .authorizer(PrincipalAllowlist.builder().allow("alice").build())
        .retention(Duration.ofDays(1))
        .build();
  }

  static Map<String, byte[]> tree() {
    Random r = new Random(42);
    Map<String, byte[]> t = new LinkedHashMap<>();
    for (int i = 0; i < 8; i++) {
      byte[] b = new byte[64 * 1024];
      r.nextBytes(b);
      t.put("d" + (i % 3) + "/f" + i + ".bin", b);
    }
    return t;
  }

  /** Starts the child, waits until it is inside the write, and kills it without warning. */
  static void killMidway(String mode, Path storeDir, Path data) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(
            java, "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(), mode,
            storeDir.toString(), data.toString())
        .redirectErrorStream(true)
        .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      StringBuilder seen = new StringBuilder();
      while ((line = out.readLine()) != null && !line.equals("MID")) {
        seen.append(line).append('\n');
      }
      assertThat(line).as("child output before it ended:\n%s", seen).isEqualTo("MID");
      p.destroyForcibly();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  static List<Path> files(Path d) throws IOException {
    try (Stream<Path> s = Files.walk(d)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void killDuringSnapshotWrite_leavesNoSnapshotAndOpeningCleansUp() throws Exception {
    Path data = dir.resolve("data");
    Path storeDir = dir.resolve("store");
    Trees.write(data, tree());
    killMidway("snapshot", storeDir, data);
    assertThat(files(storeDir.resolve("snapshots"))).isEmpty();
    assertThat(files(storeDir.resolve("chunks")).size() + files(storeDir.resolve("tmp")).size())
        .as("the child died after writing some chunks")
        .isPositive();

    RecordingListener listener = new RecordingListener();
    AuditLog audit = AuditLog.inMemory(MutableClock.at("2026-11-21T10:00:00Z"));
    try (SnapshotStore store = SnapshotStore.onFileSystem(storeDir)
        .chunkSize(16 * 1024)
        .clock(MutableClock.at("2026-11-21T10:00:00Z"))
        .listener(listener)
        .auditLog(audit)
        .authorizer(PrincipalAllowlist.builder().allow("alice").build())
        .retention(Duration.ofDays(1))
        .build()) {
      assertThat(store.list()).isEmpty();
      assertThat(files(storeDir.resolve("tmp"))).isEmpty();
      assertThat(files(storeDir.resolve("chunks"))).isEmpty();
      assertThat(listener.events).anyMatch(e -> e.startsWith("discarded"));
      assertThat(audit.entries(0, audit.size()))
          .as("every leftover removed at opening is in the audit log, by the store")
          .hasSize((int) listener.events.stream().filter(e -> e.startsWith("discarded")).count())
          .allSatisfy(e -> {
            assertThat(e.type()).isEqualTo("snapshot.discarded");
            assertThat(e.actor()).isEqualTo("snapshot-store");
            assertThat((String) e.data().get("reason")).contains("never committed");
          });

      FileTreeScope scope = FileTreeScope.of(data);
      SnapshotRef ref = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
      Trees.delete(data);
      store.restore(ref, scope, Authorization.of("alice"));
      assertThat(scope.digest()).isEqualTo(ref.contentDigest());
    }
  }

  @Test
  void killDuringRestore_restoreRunAgainCompletesAndVerifies() throws Exception {
    Path data = dir.resolve("data");
    Path storeDir = dir.resolve("store");
    Trees.write(data, tree());
    FileTreeScope scope = FileTreeScope.of(data);
    SnapshotRef ref;
    try (SnapshotStore store = open(storeDir, new RecordingListener())) {
      ref = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
    }
    Trees.delete(data);
    Trees.write(data, Map.of("junk.txt", new byte[] {1}, "d0/f0.bin", new byte[] {2}));

    killMidway("restore", storeDir, data);
    assertThat(scope.digest()).as("the child died inside the restore").isNotEqualTo(ref.contentDigest());

    try (SnapshotStore store = open(storeDir, new RecordingListener())) {
      assertThat(store.list()).containsExactly(ref);
      assertThat(store.damage(ref)).isEmpty();
      RestoreReport report = store.restore(ref, scope, Authorization.of("alice"));
      assertThat(report.verifiedDigest()).isEqualTo(scope.digest());
    }
    assertThat(Trees.read(data)).containsOnlyKeys(tree().keySet());
  }
}
