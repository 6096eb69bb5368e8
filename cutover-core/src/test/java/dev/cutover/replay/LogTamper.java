package dev.cutover.replay;

import dev.cutover.audit.Hash;
import dev.cutover.json.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rewrites one entry of a log file and re-hashes the chain after it, as a forger with write
 * access would: the result verifies as a log, so only replay can tell.
 */
public final class LogTamper {
  private LogTamper() {}

  @SuppressWarnings("unchecked")
  public static void edit(Path file, long seq, UnaryOperator<Map<String, Object>> change) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> out = new ArrayList<>();
    String prev = null;
    for (String line : lines) {
      Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) CanonicalJson.parse(line));
      long s = ((Number) entry.get("seq")).longValue();
      if (s == seq) {
        entry = new LinkedHashMap<>(change.apply(entry));
      }
      if (s >= seq) {
        if (prev != null) {
          entry.put("prev", prev);
        }
        entry.remove("hash");
        byte[] body = CanonicalJson.toBytes(entry);
        ByteArrayOutputStream leaf = new ByteArrayOutputStream();
        leaf.write(0);
        leaf.write(body);
        entry.put("hash", Hash.sha256(leaf.toByteArray()).hex());
      }
      prev = (String) entry.get("hash");
      out.add(CanonicalJson.toString(entry));
    }
    Files.write(file, (String.join("\n", out) + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
