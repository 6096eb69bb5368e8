package dev.cutover.rollback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A committed snapshot as a store holds it: the reference, the hashes of its archive's chunks in
 * order, and, if the stored manifest was found altered, what is wrong with it.
 */
record Manifest(SnapshotRef ref, List<String> chunks, String damage) {
  static final String FORMAT = "cutover-snapshot 1";
  private static final HexFormat HEX = HexFormat.of();

  Manifest {
    chunks = List.copyOf(chunks);
  }

  /**
   * The archive digest: SHA-256 over a domain tag, the archive's size and its chunk hashes in
   * order. Binds the whole archive while letting each chunk be verified alone.
   */
  static String archiveDigest(long size, List<String> chunkHashes) {
    MessageDigest md = sha256();
    md.update("cutover.archive.v1\0".getBytes(StandardCharsets.US_ASCII));
    md.update(ByteBuffer.allocate(8).putLong(size).array());
    for (String h : chunkHashes) {
      md.update(HEX.parseHex(h));
    }
    return HEX.formatHex(md.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  /** The manifest as text: one {@code key: value} per line, chunks in order, then a seal. */
  byte[] encode() {
    StringBuilder b = new StringBuilder();
    b.append(FORMAT).append('\n');
    SnapshotMetadata m = ref.metadata();
    line(b, "id", ref.id());
    line(b, "scope", m.scope());
    line(b, "production", Boolean.toString(m.production()));
    line(b, "size", Long.toString(m.sizeBytes()));
    line(b, "taken-at", m.takenAt().toString());
    line(b, "expires-at", m.expiresAt().toString());
    line(b, "principal", m.principal());
    line(b, "cutover", m.cutoverId());
    line(b, "task", m.taskId());
    line(b, "content-digest", ref.contentDigest());
    line(b, "archive-digest", ref.archiveDigest());
    for (String c : chunks) {
      line(b, "chunk", c);
    }
    String body = b.toString();
    return (body + "seal: " + seal(body) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses a manifest. A manifest whose seal or archive digest does not recompute is returned with
   * its damage described, so that restores of it are refused as tampered.
   *
   * @throws IllegalArgumentException if the text is not a manifest at all
   */
  static Manifest decode(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int sealAt = text.lastIndexOf("seal: ");
    if (!text.startsWith(FORMAT + "\n") || sealAt < 0 || !text.endsWith("\n")) {
      throw new IllegalArgumentException("not a complete snapshot manifest");
    }
    String body = text.substring(0, sealAt);
    String seal = text.substring(sealAt + 6, text.length() - 1);
    Map<String, String> fields = new LinkedHashMap<>();
    List<String> chunks = new ArrayList<>();
    for (String l : body.substring(FORMAT.length() + 1).split("\n")) {
      int colon = l.indexOf(": ");
      if (colon < 0) {
        throw new IllegalArgumentException("manifest line without 'key: value': " + l);
      }
      String key = l.substring(0, colon);
      String value = unescape(l.substring(colon + 2));
      if (key.equals("chunk")) {
        chunks.add(value);
      } else {
        fields.put(key, value);
      }
    }
    SnapshotMetadata meta =
        new SnapshotMetadata(
            field(fields, "scope"),
            Boolean.parseBoolean(field(fields, "production")),
            Long.parseLong(field(fields, "size")),
            Instant.parse(field(fields, "taken-at")),
            Instant.parse(field(fields, "expires-at")),
            field(fields, "principal"),
            field(fields, "cutover"),
            field(fields, "task"));
    SnapshotRef ref =
        new SnapshotRef(
            field(fields, "id"),
            field(fields, "content-digest"),
            field(fields, "archive-digest"),
            meta);
    String damage = null;
    if (!seal(body).equals(seal)) {
      damage = "its manifest was altered (the seal does not recompute)";
    } else if (!archiveDigest(meta.sizeBytes(), chunks).equals(ref.archiveDigest())) {
      damage = "its chunk list does not match its archive digest";
    }
    return new Manifest(ref, chunks, damage);
  }

  private static String field(Map<String, String> fields, String key) {
    String v = fields.get(key);
    if (v == null) {
      throw new IllegalArgumentException("manifest has no '" + key + "'");
    }
    return v;
  }

  private static String seal(String body) {
    return HEX.formatHex(sha256().digest(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static void line(StringBuilder b, String key, String value) {
    b.append(key).append(": ").append(escape(value)).append('\n');
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        char n = s.charAt(++i);
        b.append(n == 'n' ? '\n' : n == 'r' ? '\r' : n);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
