package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Cases of canonical form that random mutation reaches rarely, each hashed correctly so that only
 * the canonical-form check can refuse it.
 */
class CanonicalLineTest {
  private static final String PREV = "0".repeat(64);
  private static final String REST = ",\"prev\":\"" + PREV + "\",\"seq\":0,\"time\":\"2026-11-21T10:15:30.123Z\",\"type\":\"a\",\"v\":1}";

  /** A line with this data, hashed as a writer would hash it. */
  private static byte[] line(String data) throws Exception {
    String unhashed = "{\"actor\":\"x\",\"data\":" + data + REST;
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update((byte) 0);
    sha.update(unhashed.getBytes(StandardCharsets.UTF_8));
    String hash = HexFormat.of().formatHex(sha.digest());
    return ("{\"actor\":\"x\",\"data\":" + data + ",\"hash\":\"" + hash + "\"" + REST).getBytes(StandardCharsets.UTF_8);
  }

  private static boolean fast(byte[] line) {
    return new CanonicalLine().scan(line, 0, line.length);
  }

  @Test
  void membersSortByUtf16CodeUnits_notByUtf8Bytes() throws Exception {
    // U+1F600 is a surrogate pair (D83D DE00) and sorts before U+E000 in UTF-16, after it in UTF-8
    byte[] utf16Order = line("{\"\ud83d\ude00\":1,\"\ue000\":2}");
    assertThat(fast(utf16Order)).isTrue();
    assertThat(AuditEntry.parse(utf16Order).data()).containsKeys("\ud83d\ude00", "\ue000");
    byte[] utf8Order = line("{\"\ue000\":2,\"\ud83d\ude00\":1}");
    assertThat(fast(utf8Order)).isFalse();
    assertThatThrownBy(() -> AuditEntry.parse(utf8Order)).isInstanceOf(InvalidEntryException.class)
        .extracting(e -> ((InvalidEntryException) e).reason()).isEqualTo(LogVerification.Reason.NOT_CANONICAL);
    // escaped keys compare by their characters: "\n" (U+000A) sorts before "A"
    assertThat(fast(line("{\"\\n\":1,\"A\":2}"))).isTrue();
    assertThat(fast(line("{\"A\":2,\"\\n\":1}"))).isFalse();
  }

  @Test
  void numbersAndEscapes_onlyInTheFormJcsWrites() throws Exception {
    assertThat(fast(line("{\"n\":9007199254740991}"))).isTrue();
    assertThat(fast(line("{\"n\":-9007199254740991}"))).isTrue();
    assertThat(fast(line("{\"n\":\"\\u007f\"}"))).as("DEL is written raw").isFalse();
    assertThat(fast(line("{\"n\":\"\u007f\"}"))).isTrue();
    assertThat(fast(line("{\"n\":\"\\u001f\\b\"}"))).isTrue();
    assertThat(fast(line("{\"n\":\"\\u0008\"}"))).as("backspace is written \\b").isFalse();
    for (String refused : new String[] {"9007199254740992", "-0", "1.0", "1e0", "01", "\"\\/\"", "\"\\u001F\""}) {
      byte[] l = line("{\"n\":" + refused + "}");
      assertThat(fast(l)).as(refused).isFalse();
      assertThatThrownBy(() -> AuditEntry.parse(l)).as(refused).isInstanceOf(InvalidEntryException.class);
    }
  }

  @Test
  void nestingBeyondTheOnePassLimit_isLeftToTheReferenceDecoder_whichAcceptsIt() throws Exception {
    int depth = CanonicalLine.MAX_DEPTH + 10;
    byte[] deep = line("{\"d\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
    assertThat(fast(deep)).isFalse();
    AuditEntry e = new AuditEntryCodec().read(deep, 0, deep.length, 0);
    assertThat(e.canonicalBytes()).isEqualTo(deep);
  }
}
