package dev.cutover.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The RFC 8785 vectors from cyberphone/json-canonicalization, byte for byte. */
class CanonicalJsonVectorTest {
  /** Vectors whose numbers are all integers within the number rule. */
  @ParameterizedTest
  @ValueSource(strings = {"arrays", "french", "structures", "unicode", "weird"})
  void canonicalize_reproducesVectorByteForByte(String name) throws IOException {
    byte[] input = read("input/" + name + ".json");
    byte[] expected = read("output/" + name + ".json");
    String hex = new String(read("outhex/" + name + ".txt"), StandardCharsets.US_ASCII);

    byte[] actual = CanonicalJson.canonicalize(input);

    assertThat(actual).isEqualTo(expected);
    assertThat(HexFormat.of().formatHex(actual)).isEqualTo(hex.replaceAll("\\s", ""));
    // canonical output is a fixed point
    assertThat(CanonicalJson.canonicalize(actual)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"values"})
  void canonicalize_refusesVectorsWithNonIntegerNumbers_namingThePath(String name)
      throws IOException {
    byte[] input = read("input/" + name + ".json");

    assertThatThrownBy(() -> CanonicalJson.canonicalize(input))
        .isInstanceOf(UnsupportedNumberException.class)
        .hasMessageContaining("333333333.33333329")
        .hasMessageContaining("$.numbers[0]")
        .satisfies(e -> assertThat(((UnsupportedNumberException) e).path()).isEqualTo("$.numbers[0]"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"values"})
  void writer_acceptsTheIntegralPartsOfTheValuesVector(String name) throws IOException {
    // The same document without its non-integer numbers still matches the vector's other members.
    String expected = new String(read("output/" + name + ".json"), StandardCharsets.UTF_8);
    String literals = expected.substring(0, expected.indexOf(",\"numbers\""));
    String string = expected.substring(expected.indexOf("\"string\""));
    Object parsed =
        CanonicalJson.parse(
            "{\"string\":\"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\","
                + "\"literals\":[null,true,false]}");
    assertThat(CanonicalJson.toString(parsed)).isEqualTo(literals + "," + string);
  }

  private static byte[] read(String path) throws IOException {
    try (InputStream in =
        CanonicalJsonVectorTest.class.getResourceAsStream("/vectors/jcs/" + path)) {
      return Objects.requireNonNull(in, path).readAllBytes();
    }
  }

}
