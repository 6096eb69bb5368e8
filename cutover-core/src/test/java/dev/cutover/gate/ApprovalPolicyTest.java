package dev.cutover.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.gate.spi.LogState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalPolicyTest {
  static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  static final Instant LATER = Instant.parse("2026-11-21T11:00:00Z");
  static final String PLAN = "ab".repeat(32);

  static Ed25519PrivateKey key(int n) {
    byte[] seed = new byte[32];
    seed[0] = (byte) n;
    return Ed25519PrivateKey.fromSeed(seed);
  }

  static final Ed25519PrivateKey ALICE = key(1);
  static final Ed25519PrivateKey BOB = key(2);
  static final Ed25519PrivateKey CAROL = key(3);
  static final Ed25519PrivateKey MALLORY = key(9);

  /** A log of ten entries whose root at size n is SHA-256("root n"). */
  static final LogState LOG =
      new LogState() {
        @Override
        public long size() {
          return 10;
        }

        @Override
        public Optional<String> rootAt(long size) {
          return size > 10 ? Optional.empty() : Optional.of(root(size));
        }
      };

  static String root(long size) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(("root " + size).getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static ApprovalPolicy twoOfThree() {
    return ApprovalPolicy.builder()
        .approver("alice", ALICE.publicKey())
        .approver("bob", BOB.publicKey())
        .approver("carol", CAROL.publicKey())
        .required(2)
        .build();
  }

  static ApprovalStatement statement(String gate, ApprovalDecision d, Instant expires, long size) {
    return new ApprovalStatement("c-1", d, expires, gate, size, root(size), PLAN);
  }

  static ApprovalStatement go() {
    return statement("go-live", ApprovalDecision.GO, LATER, 7);
  }

  static final ApprovalBinding BINDING = new ApprovalBinding("c-1", PLAN, "go-live", ApprovalDecision.GO);

  private static QuorumResult check(List<Approval> approvals, List<PriorApproval> prior) {
    return twoOfThree().check(BINDING, LOG, NOW, approvals, prior);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> entry(QuorumResult r, int i) {
    return (Map<String, Object>) ((List<Object>) r.evidence().get("approvals")).get(i);
  }

  @Test
  void statement_bytesAreTheNormativeCanonicalJson() {
    assertThat(new String(go().toBytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"cutover\":\"c-1\",\"decision\":\"GO\",\"expires\":\"2026-11-21T11:00:00Z\","
                + "\"gate\":\"go-live\",\"log_root\":\""
                + root(7)
                + "\",\"log_size\":7,\"plan\":\""
                + PLAN
                + "\"}");
    assertThat(ApprovalStatement.parse(go().toBytes())).isEqualTo(go());
  }

  @Test
  void twoDistinctValidApprovals_meetTheQuorum() {
    QuorumResult r = check(List.of(Approval.sign(go(), ALICE), Approval.sign(go(), CAROL)), List.of());
    assertThat(r.met()).isTrue();
    assertThat(r.approvers()).containsExactly("alice", "carol");
    assertThat(r.reason()).isEqualTo("2 of 2 required approvals for GO at gate 'go-live' (alice, carol)");
    assertThat(entry(r, 0)).containsEntry("status", "counted").containsEntry("approver", "alice");
  }

  @Test
  void signatureMadeDirectlyWithBouncyCastle_counts() {
    byte[] seed = new byte[32];
    seed[0] = 2;
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, new Ed25519PrivateKeyParameters(seed, 0));
    byte[] bytes = go().toBytes();
    signer.update(bytes, 0, bytes.length);
    Approval a = Approval.of(bytes, signer.generateSignature());
    QuorumResult r = check(List.of(a, Approval.sign(go(), ALICE)), List.of());
    assertThat(r.approvers()).containsExactly("bob", "alice");
    assertThat(r.met()).isTrue();
  }

  @Test
  void signatureMadeWithTheOpensslCommandLine_counts(@TempDir Path dir) throws Exception {
    Path key = dir.resolve("dave.pem");
    Path pub = dir.resolve("dave.pub.pem");
    run(dir, "openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString());
    run(dir, "openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
    Path statement = Files.write(dir.resolve("statement.json"), go().toBytes());
    Path sig = dir.resolve("statement.sig");
    run(dir, "openssl", "pkeyutl", "-sign", "-rawin", "-inkey", key.toString(), "-in", statement.toString(), "-out", sig.toString());
    ApprovalPolicy policy =
        ApprovalPolicy.builder().approver("alice", ALICE.publicKey()).approver("dave", pub).required(2).build();
    Approval fromOpenssl = Approval.of(Files.readAllBytes(statement), Files.readAllBytes(sig));
    QuorumResult r = policy.check(BINDING, LOG, NOW, List.of(fromOpenssl, Approval.sign(go(), ALICE)), List.of());
    assertThat(r.approvers()).containsExactly("dave", "alice");
    assertThat(r.met()).isTrue();
    // And the key that openssl wrote loads as a private key that signs the same way.
    assertThat(Ed25519PrivateKey.read(key).sign(go().toBytes())).isEqualTo(Files.readAllBytes(sig));
  }

  private static void run(Path dir, String... command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", command), output).isZero();
  }

  @Test
  void unknownKey_doesNotCount() {
    QuorumResult r = check(List.of(Approval.sign(go(), MALLORY), Approval.sign(go(), ALICE)), List.of());
    assertThat(r.met()).isFalse();
    assertThat(entry(r, 0))
        .containsEntry("status", "unknown_key")
        .containsEntry("reason", "signature does not verify under any configured approver's key")
        .doesNotContainKey("approver");
  }

  @Test
  void alteredStatement_doesNotVerify() {
    Approval a = Approval.sign(go(), ALICE);
    Approval altered =
        Approval.of(statement("go-live", ApprovalDecision.GO, LATER.plusSeconds(86_400), 7).toBytes(), a.signature());
    assertThat(entry(check(List.of(altered), List.of()), 0)).containsEntry("status", "unknown_key");
  }

  @Test
  void expired_doesNotCount_exactlyAtExpiry() {
    ApprovalStatement s = statement("go-live", ApprovalDecision.GO, NOW, 7);
    QuorumResult r = check(List.of(Approval.sign(s, ALICE)), List.of());
    assertThat(entry(r, 0))
        .containsEntry("status", "expired")
        .containsEntry("reason", "expired at 2026-11-21T10:00:00Z, now 2026-11-21T10:00:00Z");
    ApprovalStatement justValid = statement("go-live", ApprovalDecision.GO, NOW.plusNanos(1_000_000), 7);
    assertThat(entry(check(List.of(Approval.sign(justValid, ALICE)), List.of()), 0)).containsEntry("status", "counted");
  }

  @Test
  void misBound_namesEveryMismatch() {
    ApprovalStatement wrong = new ApprovalStatement("c-2", ApprovalDecision.ROLLBACK, LATER, "other", 7, root(6), "cd".repeat(32));
    QuorumResult r = check(List.of(Approval.sign(wrong, ALICE)), List.of());
    assertThat(entry(r, 0)).containsEntry("status", "mis_bound");
    assertThat((String) entry(r, 0).get("reason"))
        .contains("cutover is 'c-2', expected 'c-1'")
        .contains("plan is '" + "cd".repeat(32) + "', expected '" + PLAN + "'")
        .contains("gate is 'other', expected 'go-live'")
        .contains("decision is 'ROLLBACK', expected 'GO'")
        .contains("log_root is " + root(6) + ", expected " + root(7) + " for the first 7 entries");
    ApprovalStatement future = statement("go-live", ApprovalDecision.GO, LATER, 11);
    assertThat(entry(check(List.of(Approval.sign(future, ALICE)), List.of()), 0))
        .containsEntry("status", "mis_bound")
        .containsEntry("reason", "log_size is 11, but the log has only 10 entries");
  }

  @Test
  void olderLogPrefix_stillCounts() {
    ApprovalStatement s = statement("go-live", ApprovalDecision.GO, LATER, 0);
    assertThat(entry(check(List.of(Approval.sign(s, ALICE)), List.of()), 0)).containsEntry("status", "counted");
  }

  @Test
  void duplicateApprover_countsOnce() {
    ApprovalStatement other = statement("go-live", ApprovalDecision.GO, LATER, 8);
    QuorumResult r = check(List.of(Approval.sign(go(), ALICE), Approval.sign(other, ALICE)), List.of());
    assertThat(r.met()).isFalse();
    assertThat(entry(r, 1))
        .containsEntry("status", "duplicate_approver")
        .containsEntry("reason", "approver 'alice' is already counted");
  }

  @Test
  void sameSignatureTwice_isADuplicate() {
    Approval a = Approval.sign(go(), ALICE);
    QuorumResult r = check(List.of(a, a), List.of());
    assertThat(entry(r, 1)).containsEntry("status", "duplicate_signature");
    assertThat(r.met()).isFalse();
  }

  @Test
  void replayedSignature_fromAnotherGateOrDecision_doesNotCount() {
    Approval a = Approval.sign(go(), ALICE);
    QuorumResult r =
        check(
            List.of(a, Approval.sign(go(), BOB)),
            List.of(new PriorApproval(a.signatureBase64(), "c-1", "pre-check", ApprovalDecision.GO)));
    assertThat(entry(r, 0))
        .containsEntry("status", "replayed")
        .containsEntry("reason", "signature already counted for GO at gate 'pre-check' of cutover 'c-1'");
    assertThat(r.met()).isFalse();
    // The same signature re-presented for the same decision (a gate asked again after HOLD) counts.
    QuorumResult again =
        check(
            List.of(a, Approval.sign(go(), BOB)),
            List.of(new PriorApproval(a.signatureBase64(), "c-1", "go-live", ApprovalDecision.GO)));
    assertThat(again.met()).isTrue();
  }

  @Test
  void malformedOrNonCanonicalStatement_doesNotCount() {
    byte[] pretty = "{ \"cutover\": \"c-1\" }".getBytes(StandardCharsets.UTF_8);
    QuorumResult r = check(List.of(Approval.of(pretty, ALICE.sign(pretty))), List.of());
    assertThat(entry(r, 0)).containsEntry("status", "malformed");
    assertThat((String) entry(r, 0).get("reason")).startsWith("statement is not in RFC 8785 canonical form");
    byte[] partial = "{\"cutover\":\"c-1\"}".getBytes(StandardCharsets.UTF_8);
    assertThat((String) entry(check(List.of(Approval.of(partial, ALICE.sign(partial))), List.of()), 0).get("reason"))
        .startsWith("statement must have exactly the members");
  }

  @Test
  void builder_checksEveryArgument() {
    assertThatThrownBy(() -> ApprovalPolicy.builder().approver("a", ALICE.publicKey()).approver("a", BOB.publicKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("approver 'a' is already configured");
    assertThatThrownBy(() -> ApprovalPolicy.builder().approver("a", ALICE.publicKey()).approver("b", ALICE.publicKey()))
        .hasMessage("approver 'b' has the same key as approver 'a'");
    assertThatThrownBy(() -> ApprovalPolicy.builder().approver("a", ALICE.publicKey()).required(2).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("required approvals 2 exceed the 1 configured approvers");
    assertThatThrownBy(() -> ApprovalPolicy.builder().required(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ApprovalStatement("c", ApprovalDecision.GO, NOW, "g", -1, root(1), PLAN))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ApprovalStatement("c", ApprovalDecision.GO, NOW, "g", 1, "XYZ", PLAN))
        .hasMessage("logRoot must be 64 lower-case hex digits, got 'XYZ'");
  }
}
