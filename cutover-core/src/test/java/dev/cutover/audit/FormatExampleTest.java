package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.crypto.NoteSigner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the worked example of docs/audit-log.md: if this fails, the page is out of date. */
class FormatExampleTest {
  @TempDir Path dir;

  @Test
  void workedExample_matchesTheFormatPage() throws Exception {
    Path file = dir.resolve("audit.log");
    Clock clock = Clock.fixed(Instant.parse("2026-11-21T10:15:30.123Z"), ZoneOffset.UTC);
    byte[] seed = new byte[32];
    for (int i = 0; i < 32; i++) {
      seed[i] = (byte) (i + 1);
    }
    NoteSigner signer = new NoteSigner("example-auditor", Ed25519PrivateKey.fromSeed(seed));
    try (AuditLog log = AuditLog.open(file, clock)) {
      log.append(AuditEvent.of("cutover.started", "alice", Map.of("plan", "accounts-v2")));
      log.append(AuditEvent.of("task.started", "engine", Map.of("task", "copy-rows")));
      log.append(AuditEvent.of("task.completed", "engine", Map.of("task", "copy-rows", "rows", 120000))
          .withState(Hash.sha256("state".getBytes(StandardCharsets.UTF_8))));

      assertThat(Files.readAllLines(file)).containsExactly(
          "{\"actor\":\"alice\",\"data\":{\"plan\":\"accounts-v2\"},\"hash\":\"a9db58f044511b50c5c1b4f9b9574bb02c1e4f5d4ad908419c5379f2b3ff4244\",\"prev\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"seq\":0,\"time\":\"2026-11-21T10:15:30.123Z\",\"type\":\"cutover.started\",\"v\":1}",
          "{\"actor\":\"engine\",\"data\":{\"task\":\"copy-rows\"},\"hash\":\"667e480b4a109b53196c89644c27c102d6e1fd57bd0ab8b0ded6ce11563c4824\",\"prev\":\"a9db58f044511b50c5c1b4f9b9574bb02c1e4f5d4ad908419c5379f2b3ff4244\",\"seq\":1,\"time\":\"2026-11-21T10:15:30.123Z\",\"type\":\"task.started\",\"v\":1}",
          "{\"actor\":\"engine\",\"data\":{\"rows\":120000,\"task\":\"copy-rows\"},\"hash\":\"3c8fe2f2d05a499dcadb3cc7f637dca90bbc36d887823a1398c3adf994fbfe13\",\"prev\":\"667e480b4a109b53196c89644c27c102d6e1fd57bd0ab8b0ded6ce11563c4824\",\"seq\":2,\"state\":\"4ba69735ca53765ed6a709edb56c6ea236b7193a3b29a6b390c346f0f4340e4e\",\"time\":\"2026-11-21T10:15:30.123Z\",\"type\":\"task.completed\",\"v\":1}");
      assertThat(log.root(2).hex()).isEqualTo("d4bd7a44e1a2f9a76c02ac7864791d1030155d816d3e6221a8365ace6bc43c4b");
      assertThat(log.root().hex()).isEqualTo("dfe1826771ee6ee80c632ce098861399172ab2f5561f3b54d1e51a7e8b85c594");
      assertThat(log.root().base64()).isEqualTo("3+GCZ3HubugMYyzgmIYTmRcqsvVWHztU0eUafouFxZQ=");
      assertThat(log.inclusionProof(1, 3)).extracting(Hash::hex).containsExactly(
          "a9db58f044511b50c5c1b4f9b9574bb02c1e4f5d4ad908419c5379f2b3ff4244",
          "3c8fe2f2d05a499dcadb3cc7f637dca90bbc36d887823a1398c3adf994fbfe13");
      assertThat(log.consistencyProof(2, 3)).extracting(Hash::hex).containsExactly(
          "3c8fe2f2d05a499dcadb3cc7f637dca90bbc36d887823a1398c3adf994fbfe13");
      assertThat(signer.verifierKey().toString()).isEqualTo("example-auditor+386a8ba8+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk");
      assertThat(signer.privateKey().toPem()).isEqualTo(
          "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\n-----END PRIVATE KEY-----\n");
      assertThat(log.checkpoint("example.com/cutover/accounts").sign(List.of(signer)).toString()).isEqualTo(
          "example.com/cutover/accounts\n3\n3+GCZ3HubugMYyzgmIYTmRcqsvVWHztU0eUafouFxZQ=\n\n"
              + "\u2014 example-auditor OGqLqN7DTpfhXUQFYsVcwzZogmPd8UR+qOR7t0iXXH4od+QSLssX6zvSswGU+zTEZW5wqIpzg6icqKvBBos65WRI1gc=\n");
    }
  }
}
