package dev.cutover.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM keys interoperate with the real {@code openssl} command. */
class Ed25519PemTest {
  @TempDir Path dir;

  @Test
  void read_acceptsKeysMadeByOpensslGenpkey_andSignaturesVerifyWithOpenssl() throws Exception {
    Path priv = dir.resolve("k.pem");
    Path pub = dir.resolve("k.pub.pem");
    run("openssl", "genpkey", "-algorithm", "ed25519", "-out", priv.toString());
    run("openssl", "pkey", "-in", priv.toString(), "-pubout", "-out", pub.toString());

    Ed25519PrivateKey key = Ed25519PrivateKey.read(priv);
    assertThat(Ed25519PublicKey.read(pub)).isEqualTo(key.publicKey());
    assertThat(key.toPem()).isEqualTo(Files.readString(priv));
    assertThat(key.publicKey().toPem()).isEqualTo(Files.readString(pub));

    byte[] msg = "approve gate go-live\n".getBytes(StandardCharsets.UTF_8);
    Path msgFile = Files.write(dir.resolve("msg"), msg);
    Path sigFile = Files.write(dir.resolve("sig"), key.sign(msg));
    run("openssl", "pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin", "-in", msgFile.toString(), "-sigfile", sigFile.toString());

    // and the other way round: openssl signs, we verify
    Path osig = dir.resolve("osig");
    run("openssl", "pkeyutl", "-sign", "-inkey", priv.toString(), "-rawin", "-in", msgFile.toString(), "-out", osig.toString());
    assertThat(key.publicKey().verify(msg, Files.readAllBytes(osig))).isTrue();
  }

  @Test
  void write_producesKeysThatOpensslReads() throws Exception {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    Path priv = dir.resolve("mine.pem");
    key.write(priv);
    Path pub = dir.resolve("mine.pub.pem");
    run("openssl", "pkey", "-in", priv.toString(), "-pubout", "-out", pub.toString());
    assertThat(Ed25519PublicKey.read(pub)).isEqualTo(key.publicKey());
    assertThatThrownBy(() -> key.write(priv)).isInstanceOf(KeyFormatException.class).hasMessageContaining("will not overwrite");
  }

  @Test
  void unreadableAndUnwritableKeyFiles_areNamedWithTheReasonInWords() {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> Ed25519PrivateKey.read(missing))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("cannot read private key " + missing + ": no such file or directory");
    assertThatThrownBy(() -> Ed25519PublicKey.read(dir))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("cannot read public key " + dir + ": is a directory");
    Path noParent = dir.resolve("no/such/dir/key.pem");
    assertThatThrownBy(() -> Ed25519PrivateKey.generate(new SecureRandom()).write(noParent))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("cannot write private key " + noParent + ": no such file or directory");
  }

  @Test
  void read_refusesOtherKeyTypesAndGarbage_namingTheFile() throws Exception {
    Path rsa = dir.resolve("ec.pem");
    run("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", rsa.toString());
    assertThatThrownBy(() -> Ed25519PrivateKey.read(rsa))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining(rsa.toString())
        .hasMessageContaining("expected an Ed25519 key");
    Path junk = Files.writeString(dir.resolve("junk.pem"), "hello");
    assertThatThrownBy(() -> Ed25519PublicKey.read(junk))
        .isInstanceOf(KeyFormatException.class)
        .hasMessageContaining("junk.pem: expected a PEM '-----BEGIN PUBLIC KEY-----' block");
  }

  @Test
  void fromPemWithSource_parsesTextReadElsewhere_andNamesTheSourceInErrors() {
    Ed25519PrivateKey key = Ed25519PrivateKey.generate(new SecureRandom());
    assertThat(Ed25519PrivateKey.fromPem(key.toPem(), "keys/release.pem").publicKey())
        .isEqualTo(key.publicKey());
    assertThat(Ed25519PublicKey.fromPem(key.publicKey().toPem(), "keys/release.pub.pem"))
        .isEqualTo(key.publicKey());

    KeyFormatException wrongKind =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            KeyFormatException.class,
            () -> Ed25519PrivateKey.fromPem(key.publicKey().toPem(), "keys/release.pem"));
    assertThat(wrongKind.source()).isEqualTo("keys/release.pem");
    assertThat(wrongKind)
        .hasMessage(
            "keys/release.pem: expected a PEM '-----BEGIN PRIVATE KEY-----' block, found"
                + " -----BEGIN PUBLIC KEY-----");
    assertThatThrownBy(() -> Ed25519PublicKey.fromPem("hello", "approver key"))
        .isInstanceOf(KeyFormatException.class)
        .hasMessage("approver key: expected a PEM '-----BEGIN PUBLIC KEY-----' block, found no PEM header");
    assertThatThrownBy(() -> Ed25519PrivateKey.fromPem(key.toPem(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("source");
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s: %s", String.join(" ", cmd), out).isZero();
  }
}
