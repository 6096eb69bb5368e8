package dev.cutover.rollback;

import dev.cutover.rollback.spi.SnapshotScope;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A host-defined resource (a key-value map) implementing the SPI, as a host would. {@code lossy}
 * makes its restore forget one entry, to prove that a store notices a restore that does not
 * verify.
 */
class MapScope implements SnapshotScope {
  final Map<String, String> data = new TreeMap<>();
  boolean lossy;
  private final boolean production;

  MapScope(boolean production) {
    this.production = production;
  }

  @Override
  public String name() {
    return "settings";
  }

  @Override
  public boolean production() {
    return production;
  }

  @Override
  public String capture(OutputStream archive) throws IOException {
    DataOutputStream out = new DataOutputStream(archive);
    out.writeInt(data.size());
    for (Map.Entry<String, String> e : data.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    out.flush();
    return digest();
  }

  @Override
  public void restore(InputStream archive) throws IOException {
    DataInputStream in = new DataInputStream(archive);
    Map<String, String> restored = new TreeMap<>();
    for (int n = in.readInt(); n > 0; n--) {
      restored.put(in.readUTF(), in.readUTF());
    }
    if (lossy && !restored.isEmpty()) {
      restored.remove(restored.keySet().iterator().next());
    }
    data.clear();
    data.putAll(restored);
  }

  @Override
  public String digest() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
