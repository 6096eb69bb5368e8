package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.json.CanonicalJson;
import dev.cutover.json.UnsupportedNumberException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The codec's direct encoder against a model: the entry as a plain map, written by the generic canonical writer. */
class AuditEntryCodecTest {
  private final AuditEntryCodec codec = new AuditEntryCodec();

  private static byte[] model(AuditEvent ev, long seq, String time, Hash prev, Hash hash) {
    Map<String, Object> m = new TreeMap<>();
    m.put("v", 1);
    m.put("seq", seq);
    m.put("time", time);
    m.put("type", ev.type());
    m.put("actor", ev.actor());
    m.put("data", ev.data());
    m.put("prev", prev.hex());
    ev.state().ifPresent(s -> m.put("state", s.hex()));
    if (hash != null) {
      m.put("hash", hash.hex());
    }
    return CanonicalJson.toBytes(m);
  }

  @Test
  void encode_writesTheModelsBytes_forEverySeqLengthTimeAndState() {
    AuditEvent plain = AuditEvent.of("task.completed", "engine", Map.of("rows", 125_000, "tables", List.of("a", "b"), "text", "ü \"q\""));
    AuditEvent withState = plain.withState(Hash.sha256(new byte[] {1}));
    long[] seqs = {0, 1, 9, 10, 99, 100, 12_345, 999_999_999, 1_000_000_000, CanonicalJson.MAX_SAFE_INTEGER};
    String[] times = {"2026-11-21T10:15:30.123Z", "2026-11-21T10:15:30.124Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
        "2024-02-29T23:59:59.999Z", "2026-11-21T10:15:30.123Z"};
    Hash prev = Hash.ZERO;
    for (long seq : seqs) {
      for (String time : times) {
        for (AuditEvent ev : List.of(plain, withState)) {
          AuditEntry e = codec.encode(ev, seq, Instant.parse(time), prev);
          assertThat(e.hash()).isEqualTo(MerkleProofs.leafHash(model(ev, seq, time, prev, null)));
          assertThat(e.toJson()).isEqualTo(new String(model(ev, seq, time, prev, e.hash()), StandardCharsets.UTF_8));
          assertThat(AuditEntry.parse(e.canonicalBytes())).isEqualTo(e);
          assertThat(e.time()).isEqualTo(Instant.parse(time));
          prev = e.hash();
        }
      }
    }
  }

  @Test
  void encode_keepsTheMillisecondOfTheClock() {
    AuditEvent ev = AuditEvent.of("a.b", "t", Map.of());
    Instant micros = Instant.parse("2026-11-21T10:15:30.123456Z");
    assertThat(codec.encode(ev, 0, micros, Hash.ZERO).time()).isEqualTo(Instant.parse("2026-11-21T10:15:30.123Z"));
    Instant before1970 = Instant.parse("1969-12-31T23:59:59.999999Z");
    AuditEntry e = codec.encode(ev, 0, before1970, Hash.ZERO);
    assertThat(e.time()).isEqualTo(Instant.parse("1969-12-31T23:59:59.999Z"));
    assertThat(e.toJson()).contains("\"time\":\"1969-12-31T23:59:59.999Z\"");
    Instant millis = Instant.parse("2026-11-21T10:15:30.123Z");
    assertThat(codec.encode(ev, 0, millis, Hash.ZERO).time()).isEqualTo(millis);
  }

  @Test
  void encode_refusesASeqOutsideTheNumberRule() {
    AuditEvent ev = AuditEvent.of("a.b", "t", Map.of());
    assertThatThrownBy(() -> codec.encode(ev, CanonicalJson.MAX_SAFE_INTEGER + 1, Instant.EPOCH, Hash.ZERO))
        .isInstanceOf(UnsupportedNumberException.class);
  }
}
