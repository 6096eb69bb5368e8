package dev.cutover.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.json.CanonicalJson;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The one-pass check ({@link CanonicalLine}) against the reference decoder ({@link
 * AuditEntryCodec#decode}, which parses, serialises again and compares): on valid lines and on
 * lines mutated in ways that matter to canonical form (a byte changed, added or removed,
 * whitespace, escapes, number forms, members added out of order or twice), both accept or both
 * refuse, and when they accept they read the same seq, prev and hash. The mutated lines are hashed
 * again after the mutation, so it is the canonical-form check that has to refuse them, not the
 * hash. {@link AuditEntryCodec#read} then gives the same entry, or the same error, as the
 * reference.
 */
class CanonicalLinePropertyTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final long MAX = CanonicalJson.MAX_SAFE_INTEGER;

  /** A valid entry, and where its hash member sits. */
  record Line(byte[] bytes, int hashStart, int hashEnd) {}

  /** One mutation: what, where (a fraction of the line), and a number to pick variants with. */
  record Mutation(int kind, double at, int pick) {}

  @Provide
  Arbitrary<String> text() {
    Arbitrary<Character> c = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, Arbitraries.chars().range('a', 'z')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('A', 'Z')),
        net.jqwik.api.Tuple.of(2, Arbitraries.of('"', '\\', '/', ' ', '\u007f', '0', '_')),
        net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\u0000', '\u001f')),
        net.jqwik.api.Tuple.of(2, Arbitraries.of('\u00e9', '\u20ac', '\u2028', '\ue000', '\uffee', '\u0800', '\u07ff')));
    Arbitrary<String> bmp = c.list().ofMaxSize(6).map(l -> {
      StringBuilder sb = new StringBuilder();
      l.forEach(sb::append);
      return sb.toString();
    });
    // supplementary characters sort before U+E000..U+FFFF in UTF-16 but after them in UTF-8
    return Combinators.combine(bmp, Arbitraries.of("", "", "", "\ud83d\ude00", "\ud800\udc00")).as((s, sup) -> s + sup);
  }

  private Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf = Arbitraries.oneOf(
        text().map(s -> (Object) s),
        Arbitraries.longs().between(-MAX, MAX).map(l -> (Object) l),
        Arbitraries.of(0L, 1L, -1L, MAX, -MAX, 10L, 9_007_199_254_740_990L).map(l -> (Object) l),
        Arbitraries.of(true, false).map(b -> (Object) b),
        Arbitraries.just(null));
    if (depth >= 3) {
      return leaf;
    }
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, leaf),
        net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> value(depth + 1)).list().ofMaxSize(3).map(l -> (Object) l)),
        net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> map(depth + 1)).map(m -> (Object) m)));
  }

  private Arbitrary<Map<String, Object>> map(int depth) {
    return Arbitraries.maps(text(), value(depth)).ofMaxSize(4).map(m -> {
      Map<String, Object> t = new TreeMap<>();
      m.forEach(t::put);
      return t;
    });
  }

  @Provide
  Arbitrary<Line> lines() {
    Arbitrary<Instant> time = Arbitraries.longs()
        .between(Instant.parse("0000-01-01T00:00:00Z").toEpochMilli(), Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli())
        .map(Instant::ofEpochMilli);
    Arbitrary<String> actor = text().filter(s -> !s.isEmpty());
    return Combinators.combine(
            Arbitraries.of("task.started", "a", "gate.decided", "x-1.y_2"),
            actor,
            map(1),
            Arbitraries.longs().between(0, MAX),
            time,
            Arbitraries.bytes().array(byte[].class).ofSize(32),
            Arbitraries.of(true, false))
        .as((type, a, data, seq, t, prev, withState) -> {
          AuditEvent ev = AuditEvent.of(type, a, data);
          if (withState) {
            ev = ev.withState(Hash.sha256(prev));
          }
          AuditEntry e = new AuditEntryCodec().encode(ev, seq, t, Hash.of(prev));
          byte[] line = e.canonicalBytes();
          int hashStart = indexOf(line, (",\"hash\":\"" + e.hash().hex() + "\"").getBytes(StandardCharsets.US_ASCII));
          return new Line(line, hashStart, hashStart + 9 + 64 + 1);
        });
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> m = Combinators.combine(
            Arbitraries.integers().between(0, 9), Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(0, 1 << 20))
        .as(Mutation::new);
    return m.list().ofMaxSize(2);
  }

  @Property(tries = 3000)
  void onePassCheck_agreesWithTheReferenceDecoder(@ForAll("lines") Line line, @ForAll("mutations") List<Mutation> mutations)
      throws Exception {
    byte[] unhashed = concat(Arrays.copyOf(line.bytes(), line.hashStart()), Arrays.copyOfRange(line.bytes(), line.hashEnd(), line.bytes().length));
    int split = line.hashStart();
    byte[] hashMember = Arrays.copyOfRange(line.bytes(), line.hashStart(), line.hashEnd());
    boolean rehash = true;
    for (Mutation m : mutations) {
      if (m.kind() == 9) {
        // change the stated hash itself (case, a digit): never re-hashed
        hashMember = hashMember.clone();
        int i = 9 + m.pick() % 64;
        hashMember[i] = (byte) (hashMember[i] >= 'a' ? hashMember[i] - 32 : hashMember[i] ^ 1);
        rehash = false;
        continue;
      }
      int at = (int) (m.at() * unhashed.length);
      byte[] mutated = mutate(unhashed, at, m);
      if (at < split) {
        split += mutated.length - unhashed.length;
        split = Math.max(0, Math.min(split, mutated.length));
      }
      unhashed = mutated;
    }
    byte[] candidate;
    if (rehash) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((byte) 0);
      sha.update(unhashed);
      hashMember = (",\"hash\":\"" + HEX.formatHex(sha.digest()) + "\"").getBytes(StandardCharsets.US_ASCII);
    }
    candidate = concat(concat(Arrays.copyOf(unhashed, split), hashMember), Arrays.copyOfRange(unhashed, split, unhashed.length));

    CanonicalLine fast = new CanonicalLine();
    boolean fastOk = fast.scan(candidate, 0, candidate.length);
    AuditEntry reference = null;
    InvalidEntryException refused = null;
    try {
      reference = new AuditEntryCodec().decode(candidate, 0, candidate.length, 7);
    } catch (InvalidEntryException e) {
      refused = e;
    }
    Statistics.label("accepted").collect(fastOk);
    Statistics.label("accepted").coverage(c -> {
      c.check(true).percentage(p -> p >= 10);
      c.check(false).percentage(p -> p >= 30);
    });
    String outcome = refused == null ? "accepted" : refused.reason().name();
    Statistics.label("reference").collect(outcome);
    Statistics.label("reference").coverage(c -> {
      c.check("NOT_CANONICAL").percentage(p -> p >= 5);
      c.check("HASH_MISMATCH").percentage(p -> p >= 1);
      c.check("MALFORMED").percentage(p -> p >= 5);
    });
    String what = new String(candidate, StandardCharsets.UTF_8);
    assertThat(fastOk).as("one-pass check of %s (reference: %s)", what, refused == null ? "accepted" : refused.getMessage())
        .isEqualTo(reference != null);

    AuditEntry read = null;
    InvalidEntryException readRefused = null;
    try {
      read = new AuditEntryCodec().read(candidate, 0, candidate.length, 7);
    } catch (InvalidEntryException e) {
      readRefused = e;
    }
    if (reference != null) {
      assertThat(fast.seq).isEqualTo(reference.seq());
      assertThat(fast.prev).isEqualTo(reference.prev().raw());
      assertThat(fast.hash).isEqualTo(reference.hash().raw());
      assertThat(read).isEqualTo(reference);
      assertThat(read.seq()).isEqualTo(reference.seq());
      assertThat(read.time()).isEqualTo(reference.time());
      assertThat(read.prev()).isEqualTo(reference.prev());
      assertThat(read.hash()).isEqualTo(reference.hash());
      assertThat(read.event()).isEqualTo(reference.event());
      assertThat(read.event().head).isEqualTo(reference.event().head);
      assertThat(read.event().tail).isEqualTo(reference.event().tail);
    } else {
      assertThat(readRefused).isNotNull();
      assertThat(readRefused.reason()).isEqualTo(refused.reason());
      assertThat(readRefused.getMessage()).isEqualTo(refused.getMessage());
      assertThat(readRefused.seq()).isEqualTo(7);
    }
  }

  @Property(tries = 500)
  void everyValidLine_passesTheOnePassCheck(@ForAll("lines") Line line) {
    CanonicalLine fast = new CanonicalLine();
    assertThat(fast.scan(line.bytes(), 0, line.bytes().length)).as(new String(line.bytes(), StandardCharsets.UTF_8)).isTrue();
    AuditEntry e = AuditEntry.parse(line.bytes());
    assertThat(fast.hash).isEqualTo(e.hash().raw());
  }

  private static final byte[] INTERESTING = {
    ' ', '\t', '\r', '"', '\\', '/', '0', '1', '9', '-', '+', '.', 'e', 'E', 'u', 'U', 'a', 'A', 'f', 'F', ',', ':', '{', '}', '[', ']',
    0x00, 0x1f, 0x7f, (byte) 0x80, (byte) 0xbf, (byte) 0xc0, (byte) 0xc3, (byte) 0xe0, (byte) 0xed, (byte) 0xef, (byte) 0xf0, (byte) 0xf4,
    (byte) 0xf5, (byte) 0xff
  };

  private static final String[] NUMBER_FORMS = {"0", "-0", "01", "1.0", "1e0", "1E2", "-1", "9007199254740992", "-9007199254740991", "1.5", "10000000000000000000"};

  private static final String[] MEMBERS = {"\"a\":1,", "\"\":null,", "\"zz\":true,", "\"A\":[],", "\"\\u0000\":0,", "\"\ue000\":1,", "\"\ud83d\ude00\":2,"};

  private static byte[] mutate(byte[] in, int at, Mutation m) {
    int n = in.length;
    at = Math.min(at, n);
    byte b = INTERESTING[m.pick() % INTERESTING.length];
    switch (m.kind()) {
      case 0: // replace a byte
        if (at == n) {
          return in;
        }
        byte[] r = in.clone();
        r[at] = m.pick() % 3 == 0 ? (byte) m.pick() : b;
        return r;
      case 1: // insert a byte
        return splice(in, at, 0, new byte[] {b});
      case 2: // delete a byte
        return at == n ? in : splice(in, at, 1, new byte[0]);
      case 3: // whitespace between tokens
        return splice(in, nextStructural(in, at), 0, new byte[] {(byte) " \t\r".charAt(m.pick() % 3)});
      case 4: { // an ASCII character inside a string written as a unicode escape, or '/' escaped
        int i = nextMatching(in, at, c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\');
        if (i < 0) {
          return in;
        }
        String esc = m.pick() % 4 == 0 ? "\\/" : String.format(m.pick() % 2 == 0 ? "\\u%04x" : "\\u%04X", in[i]);
        return splice(in, i, 1, esc.getBytes(StandardCharsets.US_ASCII));
      }
      case 5: { // an escape written another way
        int i = nextMatching(in, at, c -> c == '\\');
        if (i < 0 || i + 1 >= n) {
          return in;
        }
        if (in[i + 1] == 'u' && i + 6 <= n) {
          byte[] r2 = in.clone();
          r2[i + 5] = (byte) Character.toUpperCase(r2[i + 5]);
          return r2;
        }
        char c = (char) in[i + 1];
        int code = c == 'n' ? 10 : c == 't' ? 9 : c == 'r' ? 13 : c == 'b' ? 8 : c == 'f' ? 12 : c;
        return splice(in, i, 2, String.format("\\u%04x", code).getBytes(StandardCharsets.US_ASCII));
      }
      case 6: { // a number written another way
        int i = nextMatching(in, at, c -> c == ':' || c == '[' || c == ',');
        if (i < 0 || i + 1 >= n || !(in[i + 1] == '-' || (in[i + 1] >= '0' && in[i + 1] <= '9'))) {
          return in;
        }
        int j = i + 1;
        while (j < n && (in[j] == '-' || (in[j] >= '0' && in[j] <= '9'))) {
          j++;
        }
        return splice(in, i + 1, j - i - 1, NUMBER_FORMS[m.pick() % NUMBER_FORMS.length].getBytes(StandardCharsets.US_ASCII));
      }
      case 7: { // a member added to an object, in or out of order, maybe a duplicate
        int i = nextMatching(in, at, c -> c == '{');
        if (i < 0) {
          return in;
        }
        return splice(in, i + 1, 0, MEMBERS[m.pick() % MEMBERS.length].getBytes(StandardCharsets.UTF_8));
      }
      case 8: { // two adjacent bytes swapped
        if (at + 1 >= n) {
          return in;
        }
        byte[] r3 = in.clone();
        r3[at] = in[at + 1];
        r3[at + 1] = in[at];
        return r3;
      }
      default:
        return in;
    }
  }

  private static int nextStructural(byte[] in, int at) {
    int i = nextMatching(in, at, c -> c == ',' || c == ':' || c == '{' || c == '[');
    return i < 0 ? Math.min(at, in.length) : i + 1;
  }

  private static int nextMatching(byte[] in, int at, java.util.function.IntPredicate p) {
    for (int i = Math.min(at, in.length); i < in.length; i++) {
      if (p.test(in[i] & 0xff)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] splice(byte[] in, int at, int remove, byte[] insert) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + insert.length);
    out.write(in, 0, at);
    out.write(insert, 0, insert.length);
    out.write(in, at + remove, in.length - at - remove);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static int indexOf(byte[] in, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= in.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (in[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("not found");
  }
}
