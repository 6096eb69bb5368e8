package dev.cutover.rollback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuilderTest {
  static final RestoreAuthorizer ANYONE = (ref, auth) -> AuthorizationDecision.grant("test");

  @Test
  void storeBuilder_checksEveryArgument() {
    assertThatThrownBy(() -> SnapshotStore.onFileSystem(null)).hasMessage("directory");
    assertThatThrownBy(() -> SnapshotStore.inMemory().clock(null))
        .isInstanceOf(NullPointerException.class).hasMessage("clock");
    assertThatThrownBy(() -> SnapshotStore.inMemory().authorizer(null)).hasMessage("authorizer");
    assertThatThrownBy(() -> SnapshotStore.inMemory().retention(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    assertThatThrownBy(() -> SnapshotStore.inMemory().retention(Duration.ofHours(1))
            .windowClosesAt(Instant.EPOCH))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("conflicts");
    assertThatThrownBy(() -> SnapshotStore.inMemory().authorizer(ANYONE).authorizer(ANYONE))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
    assertThatThrownBy(() -> SnapshotStore.inMemory().compression(true))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("file-system store only");
    assertThatThrownBy(() -> SnapshotStore.inMemory().chunkSize(100))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 100");
    assertThatThrownBy(() -> SnapshotStore.inMemory().retention(Duration.ofHours(1)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("authorizer");
    assertThatThrownBy(() -> SnapshotStore.inMemory().authorizer(ANYONE).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rollback window");
  }

  @Test
  void allowlist_checksEveryArgumentAndGrantsOnlyAllowedPrincipals() {
    assertThatThrownBy(() -> PrincipalAllowlist.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> PrincipalAllowlist.builder().allow("a").allow("a"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> PrincipalAllowlist.builder().productionQuorum(null))
        .isInstanceOf(NullPointerException.class).hasMessage("quorum");

    PrincipalAllowlist policy = PrincipalAllowlist.builder().allow("alice").build();
    SnapshotRef plain = ref(false);
    assertThat(policy.authorize(plain, Authorization.of("alice")).granted()).isTrue();
    assertThat(policy.authorize(plain, Authorization.of("bob")).granted()).isFalse();
    assertThat(policy.authorize(ref(true), Authorization.of("alice")).granted())
        .as("a production scope needs approvals even from an allowed principal")
        .isFalse();
    assertThat(policy.authorize(ref(true), Authorization.of("alice")).reason())
        .contains("marked production and this policy has no production quorum");
  }

  @Test
  void restoreQuorum_checksEveryArgument() {
    assertThatThrownBy(() -> RestoreQuorum.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a restore quorum needs policy, plan, log, clock");
    assertThatThrownBy(() -> RestoreQuorum.builder().plan("ABC"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 lower-case hex");
    assertThatThrownBy(() -> RestoreQuorum.builder().clock(null))
        .isInstanceOf(NullPointerException.class).hasMessage("clock");
    assertThatThrownBy(() -> RestoreQuorum.builder().plan("0".repeat(64)).plan("1".repeat(64)))
        .isInstanceOf(IllegalStateException.class).hasMessage("plan is already set");
    assertThat(RestoreQuorum.gateOf("tables[accounts]")).isEqualTo("restore:tables[accounts]");
    assertThatThrownBy(() -> RestoreQuorum.gateOf(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void values_checkTheirFields() {
    assertThatThrownBy(() -> Authorization.of(" ", "why"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("principal must not be blank");
    assertThatThrownBy(() -> Authorization.withApprovals("a", "why", null))
        .isInstanceOf(NullPointerException.class).hasMessage("approvals");
    assertThat(Authorization.of("a")).isEqualTo(new Authorization("a", "", List.of()));
    assertThatThrownBy(() -> new SnapshotRef("bad id", "0".repeat(64), "0".repeat(64),
            ref(false).metadata()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SnapshotRef("ok", "XYZ", "0".repeat(64), ref(false).metadata()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("contentDigest must be 64 lower-case hex digits");
    assertThatThrownBy(() -> SnapshotContext.of("e", " ", "t"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("cutoverId must not be blank");
  }

  @Test
  void manifest_roundTripsAndDetectsEdits() {
    Manifest m = new Manifest(ref(true), List.of("ab".repeat(32)), null);
    Manifest back = Manifest.decode(m.encode());
    assertThat(back.ref()).isEqualTo(m.ref());
    assertThat(back.chunks()).isEqualTo(m.chunks());
    assertThat(back.damage()).isNull();
    String edited = new String(m.encode(), java.nio.charset.StandardCharsets.UTF_8)
        .replace("production: true", "production: false");
    assertThat(Manifest.decode(edited.getBytes(java.nio.charset.StandardCharsets.UTF_8)).damage())
        .contains("seal");
  }

  static SnapshotRef ref(boolean production) {
    List<String> chunks = List.of("ab".repeat(32));
    return new SnapshotRef("s-1", "0".repeat(64), Manifest.archiveDigest(10, chunks),
        new SnapshotMetadata("scope\nwith newline", production, 10,
            Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T11:00:00Z"),
            "engine", "c1", "t1"));
  }
}
