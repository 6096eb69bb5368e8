package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An auditor checks proofs from the CLI with only roots, checkpoints and single entries. */
class ProofChecksTest {
  @TempDir Path dir;
  private Path log;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeEach
  void writeLog() {
    log = dir.resolve("audit.log");
    try (AuditLog l = AuditLog.open(log, Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC))) {
      for (int i = 0; i < 13; i++) {
        l.append(AuditEvent.of("task.completed", "engine", Map.of("i", i)));
      }
    }
  }

  private String root(int size) {
    return run("log", "root", log.toString(), "--size", Integer.toString(size)).out().strip();
  }

  private Path save(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private String line(int seq) throws Exception {
    return Files.readAllLines(log, StandardCharsets.UTF_8).get(seq);
  }

  @Test
  void checkInclusion_ofEveryEntry_holdsAgainstTheRoot_andFailsForAnotherEntry() throws Exception {
    for (int i = 0; i < 13; i++) {
      Path proof = save("p" + i, run("log", "prove-inclusion", log.toString(), "--index", "" + i).out());
      Path entry = save("e" + i, line(i) + "\n");
      Result ok = run("log", "check-inclusion", proof.toString(), "--index", "" + i,
          "--entry", entry.toString(), "--size", "13", "--root", root(13));
      assertThat(ok.code()).as(ok.err()).isZero();
      assertThat(ok.out()).startsWith("inclusion proof verified: entry " + i + " (leaf ");
    }
    Path proof = save("p", run("log", "prove-inclusion", log.toString(), "--index", "4").out());
    Result wrong = run("log", "check-inclusion", proof.toString(), "--index", "4",
        "--leaf", hashOf(line(5)), "--size", "13", "--root", root(13));
    assertThat(wrong.code()).isEqualTo(Main.VERIFICATION_FAILED);
    assertThat(wrong.err()).startsWith("cutover: ");
  }

  private static String hashOf(String line) {
    return dev.cutover.audit.AuditEntry.parse(line).hash().hex();
  }

  @Test
  void checkInclusion_againstASignedCheckpoint_andATamperedEntryFails() throws Exception {
    Path keys = dir.resolve("keys");
    String vkey = run("keys", "generate", "--name", "auditor", "--out", keys.toString()).out().strip();
    Path note = save("cp", run("log", "checkpoint", log.toString(), "--key",
        keys.resolve("auditor.pem").toString(), "--name", "auditor", "--size", "9").out());
    Path proof = save("p", run("log", "prove-inclusion", log.toString(), "--index", "3", "--size", "9").out());

    Result ok = run("log", "check-inclusion", proof.toString(), "--index", "3",
        "--entry", save("e", line(3)).toString(), "--checkpoint", note.toString(), "--key", vkey);
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("is in the log of size 9 with root " + root(9));

    Path tampered = save("t", line(3).replace("\"i\":3", "\"i\":4"));
    Result bad = run("log", "check-inclusion", proof.toString(), "--index", "3",
        "--entry", tampered.toString(), "--checkpoint", note.toString(), "--key", vkey);
    assertThat(bad.code()).isEqualTo(Main.VERIFICATION_FAILED);
    assertThat(bad.err()).contains("entry file " + tampered + ": ").contains("does not match the entry");
  }

  @Test
  void checkConsistency_holdsForEveryPrefix_andFailsForAForeignRoot() throws Exception {
    for (int m = 1; m <= 13; m++) {
      Path proof = save("c" + m, run("log", "prove-consistency", log.toString(), "--from", "" + m).out());
      Result ok = run("log", "check-consistency", proof.toString(), "--from", "" + m,
          "--from-root", root(m), "--size", "13", "--root", root(13));
      assertThat(ok.code()).as("from %d: %s", m, ok.err()).isZero();
    }
    Path proof = save("c", run("log", "prove-consistency", log.toString(), "--from", "6").out());
    Result bad = run("log", "check-consistency", proof.toString(), "--from", "6",
        "--from-root", root(7), "--size", "13", "--root", root(13));
    assertThat(bad.code()).isEqualTo(Main.VERIFICATION_FAILED);
  }

  @Test
  void badInput_isNamed() throws Exception {
    Path proof = save("p", "not-a-hash\n");
    Result badLine = run("log", "check-consistency", proof.toString(), "--from", "2",
        "--from-root", root(2), "--size", "13", "--root", root(13));
    assertThat(badLine.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(badLine.err()).contains("proof " + proof + " line 1: expected 64 hex digits");

    Result noHead = run("log", "check-inclusion", proof.toString(), "--index", "1", "--leaf", root(1));
    assertThat(noHead.code()).isEqualTo(Main.BAD_INPUT);

    Result outside = run("log", "check-inclusion", proof.toString(), "--index", "13", "--leaf", root(1),
        "--size", "13", "--root", root(13));
    assertThat(outside.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(outside.err()).contains("--index 13 is not an entry of a log of size 13");

    Result missing = run("log", "check-inclusion", dir.resolve("nope").toString(), "--index", "1",
        "--leaf", root(1), "--size", "13", "--root", root(13));
    assertThat(missing.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(missing.err()).contains("does not exist");
  }

  @Test
  void help_listsTheProofChecks() {
    assertThat(run("log", "--help").out()).contains("check-inclusion").contains("check-consistency");
    assertThat(List.of(run("log", "check-inclusion", "--help").code())).containsExactly(0);
  }
}
