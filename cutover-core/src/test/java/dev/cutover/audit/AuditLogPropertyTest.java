package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.json.CanonicalJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The log against a reference model: entries built as plain maps, serialised with the generic
 * canonical writer, hashed with SHA-256, chained, and rooted with the naive recursive Merkle Tree
 * Hash; after reopening the file, everything reads back the same.
 */
class AuditLogPropertyTest {
  record Op(String type, String actor, Map<String, Object> data, boolean withState) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12).filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c)));
    Arbitrary<Object> value = Arbitraries.oneOf(
        text.map(s -> (Object) s),
        Arbitraries.longs().between(-CanonicalJson.MAX_SAFE_INTEGER, CanonicalJson.MAX_SAFE_INTEGER).map(l -> (Object) l),
        Arbitraries.of(true, false).map(b -> (Object) b),
        text.list().ofMaxSize(3).map(l -> (Object) l));
    Arbitrary<Map<String, Object>> data = Arbitraries.maps(text, value).ofMaxSize(4).map(m -> (Map<String, Object>) new TreeMap<>(m));
    Arbitrary<Op> op = Combinators.combine(
            Arbitraries.of("task.started", "task.completed", "gate.decided", "x"),
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
            data,
            Arbitraries.of(true, false))
        .as(Op::new);
    return op.list().ofMinSize(1).ofMaxSize(40);
  }

  @Property(tries = 40)
  void appendedEntries_matchTheModel_andReadBackAfterReopen(@ForAll("ops") List<Op> ops) throws IOException {
    Path dir = Files.createTempDirectory("cutover-prop");
    Path file = dir.resolve("audit.log");
    Instant t0 = Instant.parse("2026-01-01T00:00:00.001Z");
    List<AuditEntry> appended = new ArrayList<>();
    List<Hash> modelHashes = new ArrayList<>();
    try (AuditLog log = AuditLog.open(file, Clock.fixed(t0, ZoneOffset.UTC))) {
      Hash prev = Hash.ZERO;
      for (Op op : ops) {
        AuditEvent ev = AuditEvent.of(op.type(), op.actor(), op.data());
        Hash state = op.withState() ? Hash.sha256(new byte[] {(byte) appended.size()}) : null;
        if (state != null) {
          ev = ev.withState(state);
        }
        AuditEntry e = log.append(ev);

        Map<String, Object> model = new TreeMap<>();
        model.put("v", 1);
        model.put("seq", (long) appended.size());
        model.put("time", "2026-01-01T00:00:00.001Z");
        model.put("type", op.type());
        model.put("actor", op.actor());
        model.put("data", op.data());
        model.put("prev", prev.hex());
        if (state != null) {
          model.put("state", state.hex());
        }
        Hash modelHash = MerkleProofs.leafHash(CanonicalJson.toBytes(model));
        model.put("hash", modelHash.hex());
        assertThat(e.hash()).isEqualTo(modelHash);
        assertThat(e.canonicalBytes()).isEqualTo(CanonicalJson.toBytes(model));
        appended.add(e);
        modelHashes.add(modelHash);
        prev = modelHash;
        assertThat(log.root()).isEqualTo(MerkleTreePropertyTest.mth(modelHashes, 0, modelHashes.size()));
      }
    }
    try (AuditLog log = AuditLog.readOnly(file)) {
      assertThat(log.entries(0, log.size())).isEqualTo(appended);
      assertThat(log.root()).isEqualTo(MerkleTreePropertyTest.mth(modelHashes, 0, modelHashes.size()));
    }
    assertThat(AuditLogVerifier.verify(file).ok()).isTrue();
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
