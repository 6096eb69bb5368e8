package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.Checkpoint;
import dev.cutover.audit.Hash;
import dev.cutover.audit.MerkleProofs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code Main.run} in-process and checks output and exit status. */
class LogCommandTest {
  @TempDir Path dir;
  Path log;

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
      for (int i = 0; i < 7; i++) {
        l.append(AuditEvent.of("task.completed", "engine", Map.of("i", i)));
      }
    }
  }

  @Test
  void verify_ok_printsSizeAndRoot() {
    Result r = run("log", "verify", log.toString());
    assertThat(r.code()).isEqualTo(Main.OK);
    try (AuditLog l = AuditLog.readOnly(log)) {
      assertThat(r.out()).isEqualTo(log + ": ok, 7 entries, root " + l.root().hex() + "\n");
    }
  }

  @Test
  void verify_tampered_exits1_namingSeq_withoutStackTrace() throws Exception {
    List<String> lines = Files.readAllLines(log);
    lines.set(3, lines.get(3).replace("\"i\":3", "\"i\":4"));
    Files.write(log, lines);
    Result r = run("log", "verify", log.toString());
    assertThat(r.code()).isEqualTo(Main.VERIFICATION_FAILED);
    assertThat(r.err()).startsWith("cutover: " + log + ": entry seq 3 (line 4, byte ").contains("hash mismatch");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void verify_tornTail_exits1_andSaysTorn() throws Exception {
    byte[] b = Files.readAllBytes(log);
    Files.write(log, Arrays.copyOf(b, b.length - 30));
    Result r = run("log", "verify", log.toString());
    assertThat(r.code()).isEqualTo(Main.VERIFICATION_FAILED);
    assertThat(r.err()).contains("entry seq 6").contains("torn tail").contains("opening the log for append cuts it");
  }

  @Test
  void missingFileAndBadNumbers_exit2() {
    Result missing = run("log", "root", dir.resolve("nope.log").toString());
    assertThat(missing.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(missing.err()).isEqualTo("cutover: log file " + dir.resolve("nope.log") + " does not exist\n");
    Result badNumber = run("log", "root", log.toString(), "--size", "x");
    assertThat(badNumber.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(badNumber.err()).startsWith("cutover: Invalid value for option '--size': 'x' is not a long");
    Result tooBig = run("log", "root", log.toString(), "--size", "8");
    assertThat(tooBig.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(tooBig.err()).startsWith("cutover: --size 8 is outside the log " + log + " (size 7)");
    assertThat(run("log", "frobnicate").code()).isEqualTo(Main.BAD_INPUT);
    assertThat(run().code()).isEqualTo(Main.BAD_INPUT);
  }

  @Test
  void rootAndProofs_verifyWithTheLibrary() {
    Hash root4 = Hash.fromHex(run("log", "root", log.toString(), "--size", "4").out().trim());
    Hash root7 = Hash.fromHex(run("log", "root", log.toString()).out().trim());
    Result inc = run("log", "prove-inclusion", log.toString(), "--index", "2", "--size", "7");
    assertThat(inc.code()).isZero();
    List<Hash> proof = inc.out().lines().map(Hash::fromHex).collect(Collectors.toList());
    try (AuditLog l = AuditLog.readOnly(log)) {
      MerkleProofs.verifyInclusion(l.leafHash(2), 2, 7, proof, root7);
      assertThat(root4).isEqualTo(l.root(4));
    }
    Result con = run("log", "prove-consistency", log.toString(), "--from", "4");
    List<Hash> cproof = con.out().lines().map(Hash::fromHex).collect(Collectors.toList());
    MerkleProofs.verifyConsistency(4, 7, cproof, root4, root7);
    assertThat(run("log", "prove-consistency", log.toString(), "--from", "0").code()).isEqualTo(Main.BAD_INPUT);
    assertThat(run("log", "prove-inclusion", log.toString(), "--index", "7").code()).isEqualTo(Main.BAD_INPUT);
  }

  @Test
  void keysGenerate_checkpoint_andVerifyWithCheckpoint() throws Exception {
    Path keys = dir.resolve("keys");
    Result gen = run("keys", "generate", "--name", "auditor", "--out", keys.toString());
    assertThat(gen.code()).isZero();
    String vkey = gen.out().trim();
    assertThat(vkey).matches("auditor\\+[0-9a-f]{8}\\+[A-Za-z0-9+/]{44}");
    assertThat(Files.readString(keys.resolve("auditor.vkey"))).isEqualTo(vkey + "\n");
    assertThat(Files.readString(keys.resolve("auditor.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Files.readString(keys.resolve("auditor.pub.pem"))).startsWith("-----BEGIN PUBLIC KEY-----\n");
    assertThat(run("keys", "generate", "--name", "auditor", "--out", keys.toString()).err())
        .startsWith("cutover: will not overwrite existing file");

    Result cp = run("log", "checkpoint", log.toString(), "--key", keys.resolve("auditor.pem").toString(),
        "--name", "auditor", "--origin", "example.com/cutover", "--size", "5");
    assertThat(cp.code()).isZero();
    assertThat(cp.out()).startsWith("example.com/cutover\n5\n").contains("\n\n\u2014 auditor ");
    Path note = Files.writeString(dir.resolve("cp.note"), cp.out(), StandardCharsets.UTF_8);
    assertThat(Checkpoint.verify(cp.out(), List.of(dev.cutover.crypto.VerifierKey.parse(vkey))).size()).isEqualTo(5);

    Result ok = run("log", "verify", log.toString(), "--checkpoint", note.toString(), "--key", vkey);
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("checkpoint " + note + ": origin example.com/cutover, size 5, root matches");

    Result sameOrigin = run("log", "verify", log.toString(), "--checkpoint", note.toString(), "--key", vkey,
        "--origin", "example.com/cutover");
    assertThat(sameOrigin.code()).as(sameOrigin.err()).isZero();
    Result otherOrigin = run("log", "verify", log.toString(), "--checkpoint", note.toString(), "--key", vkey,
        "--origin", "example.com/other");
    assertThat(otherOrigin.code()).isEqualTo(Main.VERIFICATION_FAILED);
    assertThat(otherOrigin.err()).contains("example.com/cutover").contains("example.com/other");
    Result originAlone = run("log", "verify", log.toString(), "--origin", "example.com/cutover");
    assertThat(originAlone.code()).isEqualTo(Main.BAD_INPUT);

    run("keys", "generate", "--name", "other", "--out", keys.toString());
    String otherKey = Files.readString(keys.resolve("other.vkey")).trim();
    Result unknown = run("log", "verify", log.toString(), "--checkpoint", note.toString(), "--key", otherKey);
    assertThat(unknown.code()).isEqualTo(Main.VERIFICATION_FAILED);
    assertThat(unknown.err()).startsWith("cutover: checkpoint " + note + ": note has no signature by a known key");

    Files.writeString(note, cp.out().replace("\n5\n", "\n6\n"));
    Result forged = run("log", "verify", log.toString(), "--checkpoint", note.toString(), "--key", vkey);
    assertThat(forged.code()).isEqualTo(Main.VERIFICATION_FAILED);
    assertThat(forged.err()).contains("signature by key 'auditor'");

    Result noKey = run("log", "verify", log.toString(), "--checkpoint", note.toString());
    assertThat(noKey.code()).isEqualTo(Main.BAD_INPUT);
    Result badKey = run("log", "verify", log.toString(), "--checkpoint", note.toString(), "--key", "garbage");
    assertThat(badKey.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(badKey.err()).startsWith("cutover: verifier key 'garbage' is not of the form");
  }

  @Test
  void checkpoint_keyFileThatCannotBeRead_isNamedInWords() throws Exception {
    Path missing = dir.resolve("nope.pem");
    Result r = run("log", "checkpoint", log.toString(), "--key", missing.toString(), "--name", "auditor");
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).isEqualTo("cutover: private key file " + missing + " does not exist\n");

    r = run("log", "checkpoint", log.toString(), "--key", dir.toString(), "--name", "auditor");
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).isEqualTo("cutover: private key file " + dir + " is a directory\n");

    Path binary = Files.write(dir.resolve("binary.pem"), new byte[] {(byte) 0xe2, (byte) 0x80, (byte) 0x94});
    r = run("log", "checkpoint", log.toString(), "--key", binary.toString(), "--name", "auditor");
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).isEqualTo("cutover: private key file " + binary + " is not US-ASCII text\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void checkpoint_readsTheKeyFileOnce_soAKeyFromAPipeWorks() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/mkfifo")), "needs mkfifo");
    Path keys = dir.resolve("keys");
    assertThat(run("keys", "generate", "--name", "auditor", "--out", keys.toString()).code()).isZero();
    String vkey = Files.readString(keys.resolve("auditor.vkey")).trim();
    String pem = Files.readString(keys.resolve("auditor.pem"));
    // a named pipe gives its bytes to one reader, as --key <(vault read ...) does; a second read
    // of it would wait for a writer that never comes
    Path pipe = dir.resolve("key.pipe");
    Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();
    Thread writer = new Thread(() -> {
      try {
        Files.writeString(pipe, pem, StandardCharsets.US_ASCII);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.setDaemon(true);
    writer.start();
    java.util.concurrent.ExecutorService command = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r);
      t.setDaemon(true);
      return t;
    });
    try {
      java.util.concurrent.Future<Result> cp = command.submit(() -> run("log", "checkpoint",
          log.toString(), "--key", pipe.toString(), "--name", "auditor"));
      Result r;
      try {
        r = cp.get(60, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        // release a reader stuck on its second open of the pipe, then fail
        Thread release = new Thread(() -> {
          try {
            Files.writeString(pipe, "");
          } catch (java.io.IOException ignored) {
            // nothing is waiting on the pipe any more
          }
        });
        release.setDaemon(true);
        release.start();
        throw new AssertionError("cutover log checkpoint opened the key pipe a second time", e);
      }
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(Checkpoint.verify(r.out(), List.of(dev.cutover.crypto.VerifierKey.parse(vkey))).size())
          .isEqualTo(7);
    } finally {
      command.shutdownNow();
    }
  }

  @Test
  void checkpoint_keyFileThatIsNoPrivateKey_isNamedWithWhatWasFound() throws Exception {
    Path keys = dir.resolve("keys");
    run("keys", "generate", "--name", "auditor", "--out", keys.toString());
    Path pub = keys.resolve("auditor.pub.pem");
    Result r = run("log", "checkpoint", log.toString(), "--key", pub.toString(), "--name", "auditor");
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo("cutover: " + pub + ": expected a PEM '-----BEGIN PRIVATE KEY-----' block, found"
            + " -----BEGIN PUBLIC KEY-----\n");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"),
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
    r = run("log", "checkpoint", log.toString(), "--key", garbage.toString(), "--name", "auditor");
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).startsWith("cutover: " + garbage + ": not a DER PKCS#8 private key")
        .doesNotContain("Exception").doesNotContain("org.bouncycastle");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void keysGenerate_outThatIsAFileOrCannotBeCreated_isNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "");
    Result r = run("keys", "generate", "--name", "auditor", "--out", file.toString());
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).isEqualTo("cutover: --out " + file + " is a file, not a directory\n");

    Path under = file.resolve("keys");
    r = run("keys", "generate", "--name", "auditor", "--out", under.toString());
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).isEqualTo("cutover: cannot create key directory " + under + ": not a directory\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void keysGenerate_refusedWrite_leavesNoKeyFilesBehind() throws Exception {
    // a dangling link is not an existing file, but nothing can be created in its place
    Path keys = Files.createDirectory(dir.resolve("keys"));
    Path vkey = Files.createSymbolicLink(keys.resolve("auditor.vkey"), dir.resolve("nowhere").resolve("x"));
    Result r = run("keys", "generate", "--name", "auditor", "--out", keys.toString());
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).isEqualTo("cutover: cannot write key files in " + keys + ": " + vkey + ": file exists\n");
    try (Stream<Path> left = Files.list(keys)) {
      assertThat(left).containsExactly(vkey);
    }

    Files.delete(vkey);
    Path priv = Files.createSymbolicLink(keys.resolve("auditor.pem"), dir.resolve("nowhere").resolve("x"));
    r = run("keys", "generate", "--name", "auditor", "--out", keys.toString());
    assertThat(r.code()).isEqualTo(Main.BAD_INPUT);
    assertThat(r.err()).isEqualTo("cutover: will not overwrite existing key file " + priv + "\n");
    try (Stream<Path> left = Files.list(keys)) {
      assertThat(left).containsExactly(priv);
    }
  }

  @Test
  void verify_checkpointOfAnotherLog_exits1() throws Exception {
    Path keys = dir.resolve("k");
    String vkey = run("keys", "generate", "--name", "k", "--out", keys.toString()).out().trim();
    String note = run("log", "checkpoint", log.toString(), "--key", keys.resolve("k.pem").toString(), "--name", "k").out();
    Path noteFile = Files.writeString(dir.resolve("n"), note);
    List<String> lines = Files.readAllLines(log);
    Files.write(log, lines.subList(0, 6));
    Result r = run("log", "verify", log.toString(), "--checkpoint", noteFile.toString(), "--key", vkey);
    assertThat(r.code()).isEqualTo(Main.VERIFICATION_FAILED);
    assertThat(r.err()).contains("checkpoint covers 7 entries but the log has only 6");
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] cmd : new String[][] {
        {"--help"}, {"log", "--help"}, {"log", "verify", "--help"}, {"log", "root", "--help"},
        {"log", "prove-inclusion", "--help"}, {"log", "prove-consistency", "--help"},
        {"log", "checkpoint", "--help"}, {"keys", "--help"}, {"keys", "generate", "--help"}}) {
      Result r = run(cmd);
      assertThat(r.code()).as(String.join(" ", cmd)).isZero();
      assertThat(r.out()).contains("Usage: cutover");
    }
  }
}
