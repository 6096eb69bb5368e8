package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;

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
