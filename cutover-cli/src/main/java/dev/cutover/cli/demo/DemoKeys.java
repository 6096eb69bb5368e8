package dev.cutover.cli.demo;

import dev.cutover.crypto.Ed25519PrivateKey;
import dev.cutover.crypto.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's Ed25519 keys in {@code DIR/keys}: three approvers of the go-live gate and the key that
 * signs the log checkpoint. Generated once (PKCS#8 private and SPKI public PEM files, as {@code
 * cutover keys generate} writes them), then read back on every run. Immutable.
 */
final class DemoKeys {
  static final List<String> APPROVERS = List.of("alice", "bob", "carol");
  static final String CHECKPOINT_KEY = "cutover-demo";

  private final Map<String, Ed25519PrivateKey> keys;

  private DemoKeys(Map<String, Ed25519PrivateKey> keys) {
    this.keys = Map.copyOf(keys);
  }

  /** Reads the keys from {@code dir}, generating the missing ones with {@code random}. */
  static DemoKeys load(Path dir, SecureRandom random) throws IOException {
    Files.createDirectories(dir);
    Map<String, Ed25519PrivateKey> keys = new LinkedHashMap<>();
    for (String name : names()) {
      Path priv = dir.resolve(name + ".pem");
      Ed25519PrivateKey key;
      if (Files.exists(priv)) {
        key = Ed25519PrivateKey.read(priv);
      } else {
        key = Ed25519PrivateKey.generate(random);
        Path pub = dir.resolve(name + ".pub.pem");
        Files.writeString(pub, key.publicKey().toPem(), StandardCharsets.US_ASCII);
        // the private key last: a key whose .pem exists is complete
        Path tmp = dir.resolve(name + ".pem.tmp");
        Files.deleteIfExists(tmp);
        key.write(tmp);
        Files.move(tmp, priv, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      keys.put(name, key);
    }
    return new DemoKeys(keys);
  }

  private static List<String> names() {
    List<String> all = new java.util.ArrayList<>(APPROVERS);
    all.add(CHECKPOINT_KEY);
    return all;
  }

  Ed25519PrivateKey key(String name) {
    return keys.get(name);
  }

  NoteSigner checkpointSigner() {
    return new NoteSigner(CHECKPOINT_KEY, keys.get(CHECKPOINT_KEY));
  }
}
