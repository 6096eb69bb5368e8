package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.json.CanonicalJson;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PlanDigestTest {
  @Test
  void digest_isIndependentOfTaskOrderAndDependencyOrder() {
    Plan a =
        Plan.builder("p")
            .task(Task.builder("x").duration(Duration.ofMinutes(1)).build())
            .task(Task.builder("y").duration(Duration.ofMinutes(1)).build())
            .task(Task.builder("z").duration(Duration.ofMinutes(60)).after("x", "y").build())
            .build();
    Plan b =
        Plan.builder("p")
            .task(Task.builder("z").duration(Duration.ofHours(1)).after("y", "x").build())
            .task(Task.builder("y").duration(Duration.ofMinutes(1)).build())
            .task(Task.builder("x").duration(Duration.ofMinutes(1)).build())
            .build();
    assertThat(a.digest()).matches("[0-9a-f]{64}").isEqualTo(b.digest());
  }

  @Test
  void digest_changesWithAnyMeaningfulField() {
    Plan base = PlanFiles.parseJson(PlanFilesTest.JSON);
    Plan yaml = PlanFiles.parseYaml(PlanFilesTest.YAML);
    assertThat(yaml.digest()).isEqualTo(base.digest());
    Plan changed = PlanFiles.parseJson(PlanFilesTest.JSON.replace("PT5M\", \"action", "PT6M\", \"action"));
    assertThat(changed.digest()).isNotEqualTo(base.digest());
    Plan owner = PlanFiles.parseJson(PlanFilesTest.JSON.replace("\"dba\"", "\"ops\""));
    assertThat(owner.digest()).isNotEqualTo(base.digest());
  }

  @Test
  void recoveryObjective_isInTheDigestOnlyWhenSet() {
    Plan.Builder without = Plan.builder("p").task(Task.builder("a").duration(Duration.ofMinutes(1)).build());
    Plan plain = without.build();
    // The digest of a plan without an RTO is the one it had before plans could carry one.
    assertThat(plain.digest())
        .isEqualTo(sha256("{\"id\":\"p\",\"tasks\":[{\"after\":[],\"duration\":\"PT1M\","
            + "\"id\":\"a\",\"kind\":\"step\",\"name\":\"a\"}]}"));
    Plan withRto = Plan.builder("p").recoveryObjective(Duration.ofMinutes(15))
        .task(Task.builder("a").duration(Duration.ofMinutes(1)).build()).build();
    assertThat(CanonicalJson.toString(withRto.canonicalForm()))
        .isEqualTo("{\"id\":\"p\",\"rto\":\"PT15M\",\"tasks\":[{\"after\":[],\"duration\":\"PT1M\","
            + "\"id\":\"a\",\"kind\":\"step\",\"name\":\"a\"}]}");
    assertThat(withRto.digest()).isNotEqualTo(plain.digest());
    assertThat(withRto.recoveryObjective()).contains(Duration.ofMinutes(15));
    assertThat(plain.recoveryObjective()).isEmpty();
  }

  @Test
  void recoveryObjective_builderChecksItsArgument() {
    Plan.Builder b = Plan.builder("p");
    assertThatThrownBy(() -> b.recoveryObjective(null))
        .isInstanceOf(NullPointerException.class).hasMessage("rto");
    assertThatThrownBy(() -> b.recoveryObjective(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");
    assertThatThrownBy(() -> b.recoveryObjective(Duration.ofNanos(1500)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of milliseconds");
    b.recoveryObjective(Duration.ofMinutes(5));
    assertThatThrownBy(() -> b.recoveryObjective(Duration.ofMinutes(6)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set to PT5M");
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void canonicalForm_isTheDocumentedJson() {
    Plan p =
        Plan.builder("p")
            .task(Task.builder("b").duration(Duration.ofMinutes(90)).after("a").irreversible().build())
            .task(Task.builder("a").kind(TaskKind.MILESTONE).build())
            .build();
    assertThat(CanonicalJson.toString(p.canonicalForm()))
        .isEqualTo(
            "{\"id\":\"p\",\"tasks\":["
                + "{\"after\":[],\"duration\":\"PT0S\",\"id\":\"a\",\"kind\":\"milestone\",\"name\":\"a\"},"
                + "{\"after\":[\"a\"],\"duration\":\"PT1H30M\",\"id\":\"b\",\"irreversible\":true,"
                + "\"kind\":\"step\",\"name\":\"b\"}]}");
  }
}
