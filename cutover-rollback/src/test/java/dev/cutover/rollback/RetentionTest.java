package dev.cutover.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditLog;
import dev.cutover.rollback.files.FileTreeScope;
import dev.cutover.rollback.files.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots are kept until their rollback window closes, then released and reported. */
class RetentionTest {
  @TempDir Path dir;
  MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");
  RecordingListener listener = new RecordingListener();
  AuditLog audit = AuditLog.inMemory(clock);

  SnapshotStore open(StoreKind kind, Duration retention) {
    return kind.builder(dir.resolve("store"))
        .clock(clock)
        .listener(listener)
        .auditLog(audit)
        .authorizer(PrincipalAllowlist.builder().allow("alice").build())
        .retention(retention)
        .build();
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void releaseExpired_releasesOnlyClosedWindowsAndReportsEach(StoreKind kind) throws IOException {
    Path data = dir.resolve("data");
    Trees.write(data, Map.of("a", new byte[5000], "b", new byte[] {1}));
    FileTreeScope scope = FileTreeScope.of(data);
    try (SnapshotStore store = open(kind, Duration.ofMinutes(30))) {
      SnapshotRef first = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
      assertThat(first.metadata().takenAt()).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
      assertThat(first.metadata().expiresAt()).isEqualTo(Instant.parse("2026-11-21T10:30:00Z"));
      clock.advance(Duration.ofMinutes(20));
      Files.write(data.resolve("b"), new byte[] {2});
      SnapshotRef second = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t2"));

      assertThat(store.releaseExpired()).isEmpty();
      clock.advance(Duration.ofMinutes(10));
      assertThat(store.releaseExpired()).containsExactly(first);
      assertThat(listener.events).contains("released " + first.id() + " at 2026-11-21T10:30:00Z");
      assertThat(store.list()).containsExactly(second);
      assertThat(store.find(first.id())).isEmpty();
      // Chunks shared with the released snapshot still serve the one that is kept.
      assertThat(store.damage(second)).isEmpty();
      assertThatThrownBy(() -> store.restore(first, scope, Authorization.of("alice")))
          .isInstanceOf(SnapshotNotFoundException.class);

      store.restore(second, scope, Authorization.of("alice"));
      assertThat(Files.readAllBytes(data.resolve("b"))).containsExactly(2);

      clock.advance(Duration.ofMinutes(20));
      assertThat(store.releaseExpired()).containsExactly(second);
      assertThat(store.list()).isEmpty();
      assertThat(audit.entries(0, audit.size()).stream()
            .filter(e -> e.type().equals("snapshot.released")).toList())
        .as("every release is in the audit log, with why")
        .extracting(e -> e.actor(), e -> e.data().get("snapshot"), e -> e.data().get("reason"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("snapshot-store", first.id(),
                "its rollback window closed at 2026-11-21T10:30:00Z (released at 2026-11-21T10:30:00Z)"),
            org.assertj.core.groups.Tuple.tuple("snapshot-store", second.id(),
                "its rollback window closed at 2026-11-21T10:50:00Z (released at 2026-11-21T10:50:00Z)"));
    }
    if (kind != StoreKind.MEMORY) {
      try (Stream<Path> s = Files.walk(dir.resolve("store/chunks"))) {
        assertThat(s.filter(Files::isRegularFile)).isEmpty();
      }
    }
  }

  @Test
  void fixedWindow_appliesToEverySnapshotAndRefusesSnapshotsAfterIt() throws IOException {
    Path data = dir.resolve("data");
    Trees.write(data, Map.of("a", new byte[] {1}));
    FileTreeScope scope = FileTreeScope.of(data);
    try (SnapshotStore store =
        SnapshotStore.inMemory()
            .clock(clock)
            .authorizer(PrincipalAllowlist.builder().allow("alice").build())
            .windowClosesAt(Instant.parse("2026-11-21T12:00:00Z"))
            .build()) {
      SnapshotRef ref = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
      assertThat(ref.metadata().expiresAt()).isEqualTo(Instant.parse("2026-11-21T12:00:00Z"));
      clock.advance(Duration.ofHours(2));
      assertThatThrownBy(() -> store.snapshot(scope, SnapshotContext.of("engine", "c1", "t2")))
          .isInstanceOf(SnapshotException.class)
          .hasMessageContaining("rollback window closed at 2026-11-21T12:00:00Z");
    }
  }
}
