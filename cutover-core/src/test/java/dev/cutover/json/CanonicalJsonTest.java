package dev.cutover.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  @Test
  void toString_sortsKeysByUtf16CodeUnits() {
    Map<String, Object> m = new HashMap<>();
    m.put("\uD83D\uDE02", 1);
    m.put("\uFB33", 2);
    m.put("b", 3);
    m.put("a", List.of(true, false));
    assertThat(CanonicalJson.toString(m))
        .isEqualTo("{\"a\":[true,false],\"b\":3,\"\uD83D\uDE02\":1,\"\uFB33\":2}");
  }

  @Test
  void toBytes_refusesFloatingPointNumbers_namingThePath() {
    Map<String, Object> m = Map.of("rows", List.of(1, Map.of("amount", 12.5)));
    assertThatThrownBy(() -> CanonicalJson.toBytes(m))
        .isInstanceOf(UnsupportedNumberException.class)
        .hasMessage(
            "number 12.5 at $.rows[1].amount is not allowed: numbers must be integers with"
                + " absolute value at most 9007199254740991 (write decimals and big numbers as"
                + " strings)");
  }

  @Test
  void toBytes_acceptsTheLimitsAndRefusesOneBeyond() {
    long max = CanonicalJson.MAX_SAFE_INTEGER;
    assertThat(CanonicalJson.toString(List.of(max, -max))).isEqualTo("[" + max + ",-" + max + "]");
    assertThatThrownBy(() -> CanonicalJson.toBytes(List.of(max + 1)))
        .isInstanceOf(UnsupportedNumberException.class)
        .hasMessageContaining("$[0]");
    assertThatThrownBy(() -> CanonicalJson.toBytes(BigInteger.ONE.shiftLeft(53).negate()))
        .isInstanceOf(UnsupportedNumberException.class);
    assertThat(CanonicalJson.toString(new BigDecimal("56.000"))).isEqualTo("56");
    assertThatThrownBy(() -> CanonicalJson.toBytes(new BigDecimal("0.5")))
        .isInstanceOf(UnsupportedNumberException.class);
  }

  @Test
  void parse_refusesBigAndFractionalNumbers_withPathAndOffset() {
    assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":{\"b c\":[0,9007199254740992]}}"))
        .isInstanceOf(UnsupportedNumberException.class)
        .satisfies(
            e -> {
              UnsupportedNumberException u = (UnsupportedNumberException) e;
              assertThat(u.path()).isEqualTo("$.a[\"b c\"][1]");
              assertThat(u.offset()).isEqualTo(15);
            });
    assertThat(CanonicalJson.parse("[1E3, 56.0, -0]")).isEqualTo(List.of(1000L, 56L, 0L));
  }

  @Test
  void parse_nestsUpTo512Levels_andNamesDeepPaths() {
    assertThat(CanonicalJson.parse("[".repeat(512) + "]".repeat(512))).isInstanceOf(List.class);
    assertThatThrownBy(() -> CanonicalJson.parse("[".repeat(513) + "]".repeat(513)))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("nesting deeper than 512 levels");
    String deep = "{\"a\":".repeat(20) + "[0,1.5]" + "}".repeat(20);
    assertThatThrownBy(() -> CanonicalJson.parse(deep))
        .isInstanceOfSatisfying(UnsupportedNumberException.class, e -> assertThat(e.path()).isEqualTo("$" + ".a".repeat(20) + "[1]"));
  }

  @Test
  void parse_refusesDuplicateKeysAndSyntaxErrors() {
    assertThatThrownBy(() -> CanonicalJson.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("duplicate key \"a\"");
    for (String bad : Arrays.asList("", "{", "[1,]", "{\"a\" 1}", "01", "\"\\ud800\"", "tru", "[1] x")) {
      assertThatThrownBy(() -> CanonicalJson.parse(bad))
          .as(bad)
          .isInstanceOf(InvalidJsonException.class)
          .hasMessageStartingWith("invalid JSON at byte");
    }
  }

  @Test
  void toBytes_refusesLoneSurrogatesAndUnsupportedTypes() {
    assertThatThrownBy(() -> CanonicalJson.toBytes(Map.of("k", "a\uD800")))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("lone surrogate U+D800")
        .hasMessageContaining("$.k");
    assertThatThrownBy(() -> CanonicalJson.toBytes(Map.of("k", new Object())))
        .isInstanceOf(InvalidJsonException.class)
        .hasMessageContaining("java.lang.Object at $.k");
  }

  @Test
  void writer_leavesOutputUnchangedWhenAValueIsRefused() {
    CanonicalJsonWriter w = new CanonicalJsonWriter();
    w.raw('[').value("ok");
    int before = w.size();
    assertThatThrownBy(() -> w.value(List.of("x", 0.1))).isInstanceOf(UnsupportedNumberException.class);
    assertThat(w.size()).isEqualTo(before);
  }

  @Property
  void parse_ofCanonicalString_roundTrips(@ForAll String s) {
    boolean lone = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        lone = true;
      }
    }
    if (lone) {
      assertThatThrownBy(() -> CanonicalJson.toBytes(s)).isInstanceOf(InvalidJsonException.class);
    } else {
      byte[] bytes = CanonicalJson.toBytes(s);
      assertThat(CanonicalJson.parse(bytes)).isEqualTo(s);
      assertThat(CanonicalJson.canonicalize(bytes)).isEqualTo(bytes);
    }
  }

  @Property
  void numbers_roundTripWithinTheRule(@ForAll long n) {
    if (Math.abs(n) <= CanonicalJson.MAX_SAFE_INTEGER && n != Long.MIN_VALUE) {
      assertThat(CanonicalJson.parse(CanonicalJson.toBytes(n))).isEqualTo(n);
      assertThat(CanonicalJson.toString(n)).isEqualTo(Long.toString(n));
    } else {
      assertThatThrownBy(() -> CanonicalJson.toBytes(n)).isInstanceOf(UnsupportedNumberException.class);
      assertThatThrownBy(() -> CanonicalJson.parse(Long.toString(n)))
          .isInstanceOf(UnsupportedNumberException.class);
    }
  }
}
