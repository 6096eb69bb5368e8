package dev.cutover.docs.cookbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditLog;
import dev.cutover.audit.Checkpoint;
import dev.cutover.audit.Hash;
import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.crypto.NoteSigner;
import dev.cutover.engine.Engine;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalDecision;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.gate.ApprovalStatement;
import dev.cutover.gate.Gate;
import dev.cutover.gate.GateInput;
import dev.cutover.gate.spi.LogState;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs docs/cookbook/verify-with-openssl.sh against a log with a signed checkpoint and a gate with
 * two Ed25519 approvals, all produced here by the library; then against tampered copies.
 */
class VerifyWithOpensslTest {
  private static final Path SCRIPT = Path.of("cookbook/verify-with-openssl.sh");

  @TempDir Path dir;
  private Path log;
  private Path checkpoint;
  private String verifierKey;

  @BeforeEach
  void requireOpenssl() throws Exception {
    boolean found;
    try {
      found = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start()
          .waitFor(30, TimeUnit.SECONDS);
    } catch (IOException e) {
      found = false;
    }
    if (!found) {
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError("openssl is required under CI=true to test " + SCRIPT);
      }
      System.err.println("SKIPPED: openssl is not on the PATH, so " + SCRIPT + " is not tested");
      Assumptions.abort("openssl is not on the PATH");
    }
    produceLog();
  }

  private void produceLog() throws Exception {
    SecureRandom random = new SecureRandom();
    Ed25519PrivateKey alice = Ed25519PrivateKey.generate(random);
    Ed25519PrivateKey bob = Ed25519PrivateKey.generate(random);
    Path keys = Files.createDirectories(dir.resolve("keys"));
    Files.writeString(keys.resolve("alice.pub.pem"), alice.publicKey().toPem());
    Files.writeString(keys.resolve("bob.pub.pem"), bob.publicKey().toPem());
    Plan plan = Plan.builder("audited")
        .task(Task.builder("flip").duration(Duration.ofMinutes(1)).build())
        .task(Task.builder("go-live").kind(TaskKind.GATE).after("flip")
            .duration(Duration.ofMinutes(1)).build())
        .task(Task.builder("finish").after("go-live").duration(Duration.ofMinutes(1)).build())
        .build();
    Gate gate = Gate.builder("go-live")
        .approvals(ApprovalPolicy.builder()
            .approver("alice", alice.publicKey())
            .approver("bob", bob.publicKey())
            .required(2)
            .build())
        .build();
    log = dir.resolve("audit.log");
    Clock clock = Clock.systemUTC();
    try (AuditLog audit = AuditLog.open(log, clock)) {
      LogState state = LogState.of(audit);
      Engine engine = Engine.builder()
          .plan(plan)
          .log(audit)
          .clock(clock)
          .action("flip", new Flip())
          .action("finish", new Flip())
          .gate("go-live", id -> {
            long size = audit.size();
            List<Approval> approvals = new ArrayList<>();
            for (Ed25519PrivateKey key : List.of(alice, bob)) {
              approvals.add(Approval.sign(new ApprovalStatement("audited", ApprovalDecision.GO,
                  clock.instant().plus(Duration.ofHours(1)), id, size, audit.root(size).hex(),
                  plan.digest()), key));
            }
            return gate.decide(GateInput.builder(clock)
                .binding("audited", plan.digest(), state)
                .approvals(approvals)
                .build());
          })
          .build();
      assertThat(engine.run().status()).isEqualTo(RunStatus.SUCCEEDED);
      NoteSigner signer = new NoteSigner("auditor-test", Ed25519PrivateKey.generate(random));
      checkpoint = dir.resolve("checkpoint");
      Files.writeString(checkpoint,
          new Checkpoint("example.com/audited", audit.size(), audit.root()).sign(List.of(signer))
              .toString());
      verifierKey = signer.verifierKey().toString();
      List<Hash> proof = audit.inclusionProof(2, audit.size());
      Files.writeString(dir.resolve("proof-2"),
          proof.stream().map(Hash::hex).collect(Collectors.joining("\n", "", "\n")));
    }
  }

  @Test
  void script_verifiesChainRootCheckpointProofAndApprovals() throws Exception {
    Result r = script(log, "--proof", "2", dir.resolve("proof-2").toString(),
        "--approvers", dir.resolve("keys").toString());

    assertThat(r.exit).as(r.output).isZero();
    assertThat(r.output)
        .contains("every hash recomputed, every prev links")
        .contains("equals the checkpoint's (example.com/audited)")
        .contains("Signature Verified Successfully")
        .contains("inclusion: entry 2 ")
        .contains("approvals: 2 counted approvals verified")
        .endsWith("OK\n");
  }

  @Test
  void script_failsOnAnEditedEntry() throws Exception {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    lines.set(1, lines.get(1).replace("\"attempt\":1", "\"attempt\":2"));
    Path edited = dir.resolve("edited.log");
    Files.write(edited, lines, StandardCharsets.UTF_8);

    Result r = script(edited);

    assertThat(r.exit).as(r.output).isEqualTo(1);
    assertThat(r.output).contains("FAILED: entry 1: hash ");
  }

  @Test
  void script_failsWhenEntriesWereCutFromTheEnd() throws Exception {
    // A shorter history still chains; the signed checkpoint is what catches it.
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    Path cut = dir.resolve("cut.log");
    Files.write(cut, lines.subList(0, lines.size() - 1), StandardCharsets.UTF_8);

    Result r = script(cut);

    assertThat(r.exit).as(r.output).isEqualTo(1);
    assertThat(r.output).contains("is larger than the log");
  }

  @Test
  void script_failsOnAForgedApproval() throws Exception {
    Path keys = Files.createDirectories(dir.resolve("other-keys"));
    Ed25519PrivateKey mallory = Ed25519PrivateKey.generate(new SecureRandom());
    Files.writeString(keys.resolve("alice.pub.pem"), mallory.publicKey().toPem());
    Files.writeString(keys.resolve("bob.pub.pem"), mallory.publicKey().toPem());

    Result r = script(log, "--approvers", keys.toString());

    assertThat(r.exit).as(r.output).isEqualTo(1);
    assertThat(r.output).contains("FAILED: approval by 'alice' does not verify");
  }

  private record Result(int exit, String output) {}

  private Result script(Path logFile, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString(), logFile.toString(),
        checkpoint.toString(), verifierKey));
    command.addAll(List.of(options));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), output);
  }

  /** An effect kept in memory; enough to give the log real task entries. */
  private static final class Flip implements TaskAction {
    private volatile boolean done;

    @Override
    public Map<String, Object> apply(TaskContext context) {
      done = true;
      return Map.of("flipped", true);
    }

    @Override
    public boolean isApplied(TaskContext context) {
      return done;
    }
  }
}
