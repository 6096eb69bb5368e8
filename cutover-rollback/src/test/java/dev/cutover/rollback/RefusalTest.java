package dev.cutover.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.rollback.files.FileTreeScope;
import dev.cutover.rollback.files.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refused restore is reported and logged with who and why, and changes nothing. */
class RefusalTest {
  static final String PLAN = "ab".repeat(32);
  final SecureRandom random = new SecureRandom(new byte[] {3});
  final Ed25519PrivateKey bob = Ed25519PrivateKey.generate(random);
  final Ed25519PrivateKey carol = Ed25519PrivateKey.generate(random);
  @TempDir Path dir;
  Path data;
  Path storeDir;
  MutableClock clock = MutableClock.at("2026-11-21T10:00:00Z");
  RecordingListener listener = new RecordingListener();
  AuditLog audit = AuditLog.inMemory(clock);
  RestoreQuorum quorum;
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
    quorum = RestoreQuorum.builder()
        .policy(ApprovalPolicy.builder()
            .approver("bob", bob.publicKey()).approver("carol", carol.publicKey()).required(2).build())
        .plan(PLAN)
        .log(audit)
        .clock(clock)
        .build();
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
        .auditLog(audit)
        .authorizer(PrincipalAllowlist.builder().allow("alice").productionQuorum(quorum).build())
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
    List<AuditEntry> logged = restoreEntries();
    assertThat(logged).as("the audit log holds the refusal, and no restore").singleElement()
        .satisfies(e -> {
          assertThat(e.type()).isEqualTo("snapshot.restore.refused");
          assertThat(e.actor()).isEqualTo(principal);
          assertThat(e.data()).containsEntry("snapshot", ref.id())
              .containsEntry("refusal", reason.name().toLowerCase(java.util.Locale.ROOT))
              .containsEntry("detail", r.detail())
              .containsEntry("reason", "drill of the refusals");
        });
  }

  List<AuditEntry> restoreEntries() {
    return audit.entries(0, audit.size()).stream()
        .filter(e -> e.type().startsWith("snapshot.restore") || e.type().equals("snapshot.restored"))
        .toList();
  }

  static Authorization by(String principal) {
    return Authorization.of(principal, "drill of the refusals");
  }

  @Test
  void restore_byUnauthorisedPrincipal_isRefusedReportedAndChangesNothing() throws IOException {
    assertThatThrownBy(() -> store.restore(ref, scope, by("mallory")))
        .isInstanceOf(RestoreUnauthorizedException.class)
        .hasMessageContaining("'mallory' is not allowed to restore (allowed: alice)");
    assertNothingChangedAndReported("mallory", RestoreRefusal.Reason.UNAUTHORIZED);
  }

  @Test
  void restore_afterRollbackWindowClosed_isRefusedReportedAndChangesNothing() throws IOException {
    clock.advance(Duration.ofHours(2));
    assertThatThrownBy(() -> store.restore(ref, scope, by("alice")))
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
    assertThatThrownBy(() -> store.restore(ref, scope, by("alice")))
        .isInstanceOf(SnapshotTamperedException.class)
        .hasMessageContaining("cannot be trusted: chunk");
    assertNothingChangedAndReported("alice", RestoreRefusal.Reason.TAMPERED);
  }

  @Test
  void restore_ofMissingChunk_isRefusedAsTampered() throws IOException {
    Files.delete(anyChunk());
    assertThatThrownBy(() -> store.restore(ref, scope, by("alice")))
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
    assertThatThrownBy(() -> store.restore(ref, scope, by("alice")))
        .isInstanceOf(SnapshotTamperedException.class)
        .hasMessageContaining("manifest was altered");
    assertNothingChangedAndReported("alice", RestoreRefusal.Reason.TAMPERED);
  }

  @Test
  void restore_withReferenceWhoseDigestDiffers_isRefusedAsTampered() throws IOException {
    SnapshotRef forged =
        new SnapshotRef(ref.id(), "0".repeat(64), ref.archiveDigest(), ref.metadata());
    assertThatThrownBy(() -> store.restore(forged, scope, by("alice")))
        .isInstanceOf(SnapshotTamperedException.class)
        .hasMessageContaining("differs from the reference")
        .hasMessageContaining(ref.contentDigest());
    assertNothingChangedAndReported("alice", RestoreRefusal.Reason.TAMPERED);
  }

  @Test
  void restore_ofUnknownSnapshot_isRefusedAndReported() throws IOException {
    SnapshotRef unknown =
        new SnapshotRef("s-unknown", ref.contentDigest(), ref.archiveDigest(), ref.metadata());
    assertThatThrownBy(() -> store.restore(unknown, scope, by("alice")))
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
    assertThatThrownBy(() -> store.restore(ref, otherScope, by("alice")))
        .isInstanceOf(ScopeMismatchException.class)
        .hasMessageContaining("not scope '" + otherScope.name() + "'");
    assertThat(otherScope.digest()).isEqualTo(otherDigest);
    assertNothingChangedAndReported("alice", RestoreRefusal.Reason.SCOPE_MISMATCH);
  }

  @Test
  void restore_ofProductionScope_needsAQuorumOfSignedApprovals() {
    MapScope settings = new MapScope(true);
    settings.data.put("feature.x", "on");
    SnapshotRef prod = store.snapshot(settings, SnapshotContext.of("engine", "c1", "flip"));
    settings.data.put("feature.x", "off");
    String changed = settings.digest();
    Approval byBob = Approval.sign(quorum.statement(prod, clock.instant().plus(Duration.ofHours(1))), bob);

    assertThatThrownBy(
            () -> store.restore(prod, settings,
                Authorization.withApprovals("alice", "flag broke checkout", List.of(byBob))))
        .isInstanceOf(RestoreUnauthorizedException.class)
        .hasMessageContaining("needs 2 valid signed approvals from distinct approvers, got 1 (bob)");
    assertThat(settings.digest()).isEqualTo(changed);
    assertThat(listener.refusals).singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(RestoreRefusal.Reason.UNAUTHORIZED));

    Approval byCarol =
        Approval.sign(quorum.statement(prod, clock.instant().plus(Duration.ofHours(1))), carol);
    RestoreReport report = store.restore(prod, settings,
        Authorization.withApprovals("alice", "flag broke checkout", List.of(byBob, byCarol)));
    assertThat(settings.data).containsEntry("feature.x", "on");
    assertThat(report.authorization()).contains("2 of 2 required approvals for ROLLBACK at gate"
        + " 'restore:settings' (bob, carol)");
    assertThat(listener.restores).singleElement().isEqualTo(report);
    assertThat(restoreEntries()).extracting(AuditEntry::type).containsExactly(
        "snapshot.restore.refused", "snapshot.restore.started", "snapshot.restored");
    AuditEntry restored = restoreEntries().get(2);
    assertThat(restored.actor()).isEqualTo("alice");
    assertThat(restored.data()).containsEntry("reason", "flag broke checkout")
        .containsEntry("authorization", report.authorization())
        .containsEntry("approvals", 2L)
        .containsEntry("digest", prod.contentDigest())
        .containsEntry("verified", true);
  }

  @Test
  void restore_thatDoesNotVerify_failsNamingBothDigestsAndTheScope() {
    MapScope settings = new MapScope(false);
    settings.data.put("a", "1");
    settings.data.put("b", "2");
    SnapshotRef snap = store.snapshot(settings, SnapshotContext.of("engine", "c1", "flip"));
    settings.lossy = true;
    String expected = snap.contentDigest();
    assertThatThrownBy(() -> store.restore(snap, settings, by("alice")))
        .isInstanceOfSatisfying(RestoreVerificationException.class, e -> {
          assertThat(e.expectedDigest()).isEqualTo(expected);
          assertThat(e.actualDigest()).isEqualTo(settings.digest()).isNotEqualTo(expected);
          assertThat(e.scope()).isEqualTo("settings");
          assertThat(e.getMessage()).contains(expected, settings.digest(), "'settings'");
        });
    assertThat(listener.events).contains("failed " + snap.id() + " by alice");
    assertThat(restoreEntries()).extracting(AuditEntry::type)
        .containsExactly("snapshot.restore.started", "snapshot.restore.failed");
    assertThat(restoreEntries().get(1).data()).containsEntry("expected", expected)
        .containsEntry("actual", settings.digest());
  }

  private Path anyChunk() throws IOException {
    try (Stream<Path> s = Files.walk(storeDir.resolve("chunks"))) {
      return s.filter(Files::isRegularFile).findFirst().orElseThrow();
    }
  }
}
