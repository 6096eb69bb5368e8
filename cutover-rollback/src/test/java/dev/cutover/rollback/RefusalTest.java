package dev.cutover.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.rollback.files.FileTreeScope;
import dev.cutover.rollback.files.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refused restore is reported with who and why, and changes nothing. */
class RefusalTest {
  @TempDir Path dir;
  Path data;
  Path storeDir;
  MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");
  RecordingListener listener = new RecordingListener();
  FileTreeScope scope;
  SnapshotStore store;
  SnapshotRef ref;
  String mutatedDigest;

  @BeforeEach
  void snapshotThenMutate() throws IOException {
    data = dir.resolve("data");
    storeDir = dir.resolve("store");
    Trees.write(data, Map.of("a.txt", new byte[] {1, 2, 3}, "sub/b.bin", new byte[9000]));
    scope = FileTreeScope.of(data);
    store = open();
    ref = store.snapshot(scope, SnapshotContext.of("engine", "c1", "t1"));
    Files.write(data.resolve("a.txt"), new byte[] {9});
    Files.write(data.resolve("new.txt"), new byte[] {7});
    mutatedDigest = scope.digest();
  }

  @AfterEach
  void close() {
    store.close();
  }

  SnapshotStore open() {
    return SnapshotStore.onFileSystem(storeDir)
        .chunkSize(4096)
        .clock(clock)
        .listener(listener)
        .authorizer(
            PrincipalAllowlist.builder().allow("alice").approvers("bob", "carol").quorum(2).build())
        .retention(Duration.ofHours(2))
        .build();
  }

  void assertNothingChangedAndReported(String principal, RestoreRefusal.Reason reason)
      throws IOException {
    assertThat(scope.digest()).isEqualTo(mutatedDigest);
    assertThat(Files.readAllBytes(data.resolve("a.txt"))).containsExactly(9);
    assertThat(listener.refusals).hasSize(1);
    RestoreRefusal r = listener.refusals.get(0);
    assertThat(r.principal()).isEqualTo(principal);
    assertThat(r.reason()).isEqualTo(reason);
    assertThat(r.snapshotId()).isEqualTo(ref.id());
    assertThat(r.at()).isEqualTo(clock.instant());
    assertThat(listener.events).noneMatch(e -> e.startsWith("started") || e.startsWith("restored"));
  }

  @Test
  void restore_byUnauthorisedPrincipal_isRefusedReportedAndChangesNothing() throws IOException {
    assertThatThrownBy(() -> store.restore(ref, scope, Authorization.of("mallory")))
        .isInstanceOf(RestoreUnauthorizedException.class)
        .hasMessageContaining("'mallory' is not allowed to restore (allowed: alice)");
    assertNothingChangedAndReported("mallory", RestoreRefusal.Reason.UNAUTHORIZED);
  }

  @Test
  void restore_afterRollbackWindowClosed_isRefusedReportedAndChangesNothing() throws IOException {
    clock.advance(Duration.ofHours(2));
    assertThatThrownBy(() -> store.restore(ref, scope, Authorization.of("alice")))
        .isInstanceOf(RollbackWindowClosedException.class)
        .hasMessageContaining("rollback window closed at 2026-11-21T12:00:00Z");
    assertNothingChangedAndReported("alice", RestoreRefusal.Reason.WINDOW_CLOSED);
  }

  @Test
  void restore_ofTamperedChunk_isRefusedReportedAndChangesNothing() throws IOException {
    Path chunk = anyChunk();
    byte[] bytes = Files.readAllBytes(chunk);
    bytes[bytes.length - 1] ^= 1;
    Files.write(chunk, bytes);
    assertThat(store.damage(ref)).hasValueSatisfying(d -> assertThat(d).contains("is altered"));
    assertThatThrownBy(() -> store.restore(ref, scope, Authorization.of("alice")))
        .isInstanceOf(SnapshotTamperedException.class)
        .hasMessageContaining("cannot be trusted: chunk");
    assertNothingChangedAndReported("alice", RestoreRefusal.Reason.TAMPERED);
  }

  @Test
  void restore_ofMissingChunk_isRefusedAsTampered() throws IOException {
    Files.delete(anyChunk());
    assertThatThrownBy(() -> store.restore(ref, scope, Authorization.of("alice")))
        .isInstanceOf(SnapshotTamperedException.class)
        .hasMessageContaining("is missing");
    assertNothingChangedAndReported("alice", RestoreRefusal.Reason.TAMPERED);
  }

  @Test
  void restore_ofTamperedManifest_isRefusedAfterReopening() throws IOException {
    store.close();
    Path manifest;
    try (Stream<Path> s = Files.list(storeDir.resolve("snapshots"))) {
      manifest = s.findFirst().orElseThrow();
    }
    String text = Files.readString(manifest);
    Files.writeString(manifest, text.replace("principal: engine", "principal: mallory"));
    store = open();
    assertThatThrownBy(() -> store.restore(ref, scope, Authorization.of("alice")))
        .isInstanceOf(SnapshotTamperedException.class)
        .hasMessageContaining("manifest was altered");
    assertNothingChangedAndReported("alice", RestoreRefusal.Reason.TAMPERED);
  }

  @Test
  void restore_withReferenceWhoseDigestDiffers_isRefusedAsTampered() throws IOException {
    SnapshotRef forged =
        new SnapshotRef(ref.id(), "0".repeat(64), ref.archiveDigest(), ref.metadata());
    assertThatThrownBy(() -> store.restore(forged, scope, Authorization.of("alice")))
        .isInstanceOf(SnapshotTamperedException.class)
        .hasMessageContaining("differs from the reference")
        .hasMessageContaining(ref.contentDigest());
    assertNothingChangedAndReported("alice", RestoreRefusal.Reason.TAMPERED);
  }

  @Test
  void restore_ofUnknownSnapshot_isRefusedAndReported() throws IOException {
    SnapshotRef unknown =
        new SnapshotRef("s-unknown", ref.contentDigest(), ref.archiveDigest(), ref.metadata());
    assertThatThrownBy(() -> store.restore(unknown, scope, Authorization.of("alice")))
        .isInstanceOf(SnapshotNotFoundException.class)
        .hasMessageContaining("'s-unknown'");
    assertThat(listener.refusals).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(RestoreRefusal.Reason.UNKNOWN_SNAPSHOT));
    assertThat(scope.digest()).isEqualTo(mutatedDigest);
  }

  @Test
  void restore_intoAnotherScope_isRefusedAndChangesNothing() throws IOException {
    Path other = dir.resolve("other");
    Trees.write(other, Map.of("x", new byte[] {5}));
    FileTreeScope otherScope = FileTreeScope.of(other);
    String otherDigest = otherScope.digest();
    assertThatThrownBy(() -> store.restore(ref, otherScope, Authorization.of("alice")))
        .isInstanceOf(ScopeMismatchException.class)
        .hasMessageContaining("not scope '" + otherScope.name() + "'");
    assertThat(otherScope.digest()).isEqualTo(otherDigest);
    assertNothingChangedAndReported("alice", RestoreRefusal.Reason.SCOPE_MISMATCH);
  }

  @Test
  void restore_ofProductionScope_needsQuorumOfKnownApprovers() throws IOException {
    MapScope settings = new MapScope(true);
    settings.data.put("feature.x", "on");
    SnapshotRef prod = store.snapshot(settings, SnapshotContext.of("engine", "c1", "flip"));
    settings.data.put("feature.x", "off");
    String changed = settings.digest();

    assertThatThrownBy(
            () -> store.restore(prod, settings,
                Authorization.withApprovals("alice", List.of("bob", "eve"))))
        .isInstanceOf(RestoreUnauthorizedException.class)
        .hasMessageContaining("needs 2 distinct approvals from known approvers, got 1 [bob]")
        .hasMessageContaining("ignored unknown approvers: [eve]");
    assertThat(settings.digest()).isEqualTo(changed);
    assertThat(listener.refusals).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(RestoreRefusal.Reason.UNAUTHORIZED));

    RestoreReport report =
        store.restore(prod, settings, Authorization.withApprovals("alice", List.of("bob", "carol")));
    assertThat(settings.data).containsEntry("feature.x", "on");
    assertThat(report.authorization()).contains("2 of 2 required approvals");
    assertThat(listener.restores).singleElement().isEqualTo(report);
  }

  @Test
  void restore_thatDoesNotVerify_failsNamingBothDigestsAndTheScope() {
    MapScope settings = new MapScope(false);
    settings.data.put("a", "1");
    settings.data.put("b", "2");
    SnapshotRef snap = store.snapshot(settings, SnapshotContext.of("engine", "c1", "flip"));
    settings.lossy = true;
    String expected = snap.contentDigest();
    assertThatThrownBy(() -> store.restore(snap, settings, Authorization.of("alice")))
        .isInstanceOfSatisfying(RestoreVerificationException.class, e -> {
          assertThat(e.expectedDigest()).isEqualTo(expected);
          assertThat(e.actualDigest()).isEqualTo(settings.digest()).isNotEqualTo(expected);
          assertThat(e.scope()).isEqualTo("settings");
          assertThat(e.getMessage()).contains(expected, settings.digest(), "'settings'");
        });
    assertThat(listener.events).contains("failed " + snap.id() + " by alice");
  }

  private Path anyChunk() throws IOException {
    try (Stream<Path> s = Files.walk(storeDir.resolve("chunks"))) {
      return s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
  }
}
