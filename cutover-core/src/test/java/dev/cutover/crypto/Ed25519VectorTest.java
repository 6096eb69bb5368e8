package dev.cutover.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** RFC 8032 / SUPERCOP known answers and the Wycheproof Ed25519 suite. */
class Ed25519VectorTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void signAndVerify_reproduceEverySupercopLine() throws IOException {
    int n = 0;
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(open("rfc8032-supercop-sign.input"), StandardCharsets.US_ASCII))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(":", -1);
        byte[] seed = Arrays.copyOf(HEX.parseHex(f[0]), 32);
        byte[] pk = HEX.parseHex(f[1]);
        byte[] msg = HEX.parseHex(f[2]);
        byte[] sig = Arrays.copyOf(HEX.parseHex(f[3]), 64);

        Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(seed);
        assertThat(key.publicKey().bytes()).as("line %d public key", n + 1).isEqualTo(pk);
        assertThat(key.sign(msg)).as("line %d signature", n + 1).isEqualTo(sig);
        assertThat(Ed25519PublicKey.of(pk).verify(msg, sig)).as("line %d verifies", n + 1).isTrue();
        byte[] bad = sig.clone();
        bad[n % 64] ^= 1;
        assertThat(Ed25519PublicKey.of(pk).verify(msg, bad)).as("line %d flipped bit", n + 1).isFalse();
        n++;
      }
    }
    assertThat(n).isEqualTo(1024);
  }

  @Test
  void verify_agreesWithEveryWycheproofCase() throws IOException {
    JsonNode root = new ObjectMapper().readTree(open("wycheproof_ed25519_test.json"));
    int n = 0;
    for (JsonNode group : root.get("testGroups")) {
      byte[] pk = HEX.parseHex(group.get("publicKey").get("pk").asText());
      for (JsonNode t : group.get("tests")) {
        byte[] msg = HEX.parseHex(t.get("msg").asText());
        byte[] sig = HEX.parseHex(t.get("sig").asText());
        String result = t.get("result").asText();
        boolean valid = Ed25519PublicKey.of(pk).verify(msg, sig);
        assertThat(valid)
            .as("tcId %s (%s): %s", t.get("tcId"), t.get("comment").asText(), result)
            .isEqualTo(result.equals("valid"));
        n++;
      }
    }
    assertThat(n).isEqualTo(root.get("numberOfTests").asInt());
  }

  private static InputStream open(String name) {
    return Objects.requireNonNull(Ed25519VectorTest.class.getResourceAsStream("/vectors/ed25519/" + name), name);
  }
}
