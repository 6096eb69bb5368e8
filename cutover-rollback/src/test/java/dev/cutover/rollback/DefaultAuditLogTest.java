package dev.cutover.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.AuditLogVerifier;
import dev.cutover.rollback.files.FileTreeScope;
import dev.cutover.rollback.files.Trees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an audit log of the host's, a store records what it does in a log of its own. */
class DefaultAuditLogTest {
  @TempDir Path dir;
  MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");

  private SnapshotStoreBuilder configure(SnapshotStoreBuilder b) {
    return b.clock(clock)
        .authorizer(PrincipalAllowlist.builder().allow("alice").build())
        .retention(Duration.ofMinutes(30));
  }

  private static List<String> types(AuditLog log) {
    return log.entries(0, log.size()).stream().map(AuditEntry::type).toList();
  }

  @Test
  void fileSystemStore_keepsItsOwnDurableLog_acrossReopening() throws Exception {
    Path store = dir.resolve("store");
    Path data = dir.resolve("data");
    Trees.write(data, Map.of("a", new byte[] {1}));
    FileTreeScope scope = FileTreeScope.of(data);
    SnapshotRef ref;
    try (SnapshotStore s = configure(SnapshotStore.onFileSystem(store)).build()) {
      ref = s.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
      assertThatThrownBy(() -> s.restore(ref, scope, Authorization.of("mallory")))
          .isInstanceOf(RestoreUnauthorizedException.class);
      assertThat(types(s.auditLog()))
          .containsExactly("snapshot.captured", "snapshot.restore.refused");
      assertThat(s.auditLog().entries(1, 2).get(0).actor()).isEqualTo("mallory");
    }
    Path log = store.resolve("audit.log");
    assertThat(AuditLogVerifier.verify(log).ok()).isTrue();

    Files.write(data.resolve("a"), new byte[] {2});
    try (SnapshotStore s = configure(SnapshotStore.onFileSystem(store)).build()) {
      s.restore(ref, scope, Authorization.of("alice"));
      clock.advance(Duration.ofHours(1));
      s.releaseExpired();
      assertThat(types(s.auditLog())).containsExactly("snapshot.captured",
          "snapshot.restore.refused", "snapshot.restore.started", "snapshot.restored",
          "snapshot.released");
    }
    assertThat(Files.readAllBytes(data.resolve("a"))).containsExactly(1);
    var verification = AuditLogVerifier.verify(log);
    assertThat(verification.ok()).isTrue();
    assertThat(verification.verifiedEntries()).isEqualTo(5);
  }

  @Test
  void inMemoryStore_hasAnInMemoryLog_andAHostLogReplacesIt() throws Exception {
    Path data = dir.resolve("data");
    Trees.write(data, Map.of("a", new byte[] {1}));
    FileTreeScope scope = FileTreeScope.of(data);
    try (SnapshotStore s = configure(SnapshotStore.inMemory()).build()) {
      s.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
      assertThat(types(s.auditLog())).containsExactly("snapshot.captured");
    }
    try (AuditLog host = AuditLog.inMemory(clock);
        SnapshotStore s = configure(SnapshotStore.onFileSystem(dir.resolve("other")))
            .auditLog(host).build()) {
      s.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
      assertThat(s.auditLog()).isSameAs(host);
      assertThat(types(host)).containsExactly("snapshot.captured");
    }
    assertThat(dir.resolve("other/audit.log")).doesNotExist();
  }
}
