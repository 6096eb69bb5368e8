package dev.cutover.gate;

import static dev.cutover.gate.Outcome.FAIL;
import static dev.cutover.gate.Outcome.INSUFFICIENT_DATA;
import static dev.cutover.gate.Outcome.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.gate.spi.MetricSource;
import dev.cutover.json.CanonicalJson;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CriterionTest {
  private static Outcome eval(Criterion c, MetricSource m) {
    return c.evaluate(m).outcome();
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource({
    "below, 0.0099, PASS",
    "below, 0.01, FAIL",
    "below, 0.0100000, FAIL",
    "above, 0.01, FAIL",
    "above, 0.0100001, PASS",
    "between-low, 0.5, PASS",
    "between-low, 0.4999, FAIL",
    "between-high, 0.9, PASS",
    "between-high, 0.90001, FAIL",
  })
  void thresholds_exactAtTheirBounds(String op, String value, Outcome expected) {
    MetricCriterion.Builder b = Criterion.metric("m").onInsufficientData(InsufficientDataPolicy.HOLD);
    Criterion c =
        switch (op) {
          case "below" -> b.below("0.01").build();
          case "above" -> b.above("0.01").build();
          default -> b.between("0.5", "0.9").build();
        };
    assertThat(eval(c, new Metrics().with("m", value, 10))).isEqualTo(expected);
  }

  @Test
  void relativeToBaseline_atMostAndAtLeast() {
    Criterion errors =
        Criterion.metric("error_rate").atMostTimesBaseline("1.2").onInsufficientData(InsufficientDataPolicy.HOLD).build();
    Metrics m = new Metrics().baseline("error_rate", "0.010");
    assertThat(eval(errors, m.with("error_rate", "0.012", 500))).isEqualTo(PASS);
    CriterionResult r = errors.evaluate(new Metrics().baseline("error_rate", "0.010").with("error_rate", "0.0121", 500));
    assertThat(r.outcome()).isEqualTo(FAIL);
    assertThat(r.reason())
        .isEqualTo("'error_rate' is 0.0121, not at most 0.0120 (1.2 x baseline 0.010)");
    assertThat(r.evidence())
        .containsEntry("baseline", "0.010")
        .containsEntry("factor", "1.2")
        .containsEntry("value", "0.0121")
        .containsEntry("samples", 500L);
    Criterion throughput =
        Criterion.metric("rps").atLeastTimesBaseline("0.9").onInsufficientData(InsufficientDataPolicy.FAIL).build();
    assertThat(eval(throughput, new Metrics().baseline("rps", "1000").with("rps", "900", 5))).isEqualTo(PASS);
    assertThat(eval(throughput, new Metrics().baseline("rps", "1000").with("rps", "899.99", 5))).isEqualTo(FAIL);
  }

  @ParameterizedTest(name = "{0}: {1} -> {2}")
  @CsvSource({
    "no reading, FAIL, FAIL",
    "no reading, HOLD, INSUFFICIENT_DATA",
    "no reading, PASS, PASS",
    "few samples, FAIL, FAIL",
    "few samples, HOLD, INSUFFICIENT_DATA",
    "few samples, PASS, PASS",
    "no baseline, FAIL, FAIL",
    "no baseline, HOLD, INSUFFICIENT_DATA",
    "no baseline, PASS, PASS",
  })
  void insufficientData_followsThePolicy(String why, InsufficientDataPolicy policy, Outcome expected) {
    Criterion c =
        why.equals("no baseline")
            ? Criterion.metric("m").atMostTimesBaseline("1.2").onInsufficientData(policy).build()
            : Criterion.metric("m").below("1").minSamples(100).onInsufficientData(policy).build();
    Metrics m =
        switch (why) {
          case "no reading" -> new Metrics();
          case "few samples" -> new Metrics().with("m", "0.5", 99);
          default -> new Metrics().with("m", "0.5", 1000);
        };
    CriterionResult r = c.evaluate(m);
    assertThat(r.outcome()).isEqualTo(expected);
    assertThat(r.reason()).startsWith("insufficient data: ").endsWith("policy " + policy.name().toLowerCase());
    assertThat(r.evidence()).containsEntry("measured", "INSUFFICIENT_DATA");
  }

  @Test
  void minSamples_exactlyTheMinimumIsEnough() {
    Criterion c = Criterion.metric("m").below("1").minSamples(100).onInsufficientData(InsufficientDataPolicy.HOLD).build();
    assertThat(eval(c, new Metrics().with("m", "0.5", 100))).isEqualTo(PASS);
    assertThat(c.evaluate(new Metrics().with("m", "0.5", 99)).reason())
        .isEqualTo("insufficient data: 'm' has 99 samples, needs at least 100; policy hold");
  }

  /** Leaves that always give a fixed outcome, for the truth tables of the combinators. */
  private static Criterion fixed(Outcome o) {
    InsufficientDataPolicy p = InsufficientDataPolicy.HOLD;
    return switch (o) {
      case PASS -> Criterion.metric("pass").below("1").onInsufficientData(p).build();
      case FAIL -> Criterion.metric("fail").above("1").onInsufficientData(p).build();
      case INSUFFICIENT_DATA -> Criterion.metric("missing").below("1").onInsufficientData(p).build();
    };
  }

  private static final MetricSource ZERO = new Metrics().with("pass", "0", 1).with("fail", "0", 1);

  @Test
  void combinators_followThreeValuedLogic() {
    Outcome[] all = Outcome.values();
    for (Outcome a : all) {
      for (Outcome b : all) {
        Outcome and = eval(Criterion.all(fixed(a), fixed(b)), ZERO);
        Outcome or = eval(Criterion.any(fixed(a), fixed(b)), ZERO);
        Outcome expectedAnd =
            a == FAIL || b == FAIL ? FAIL : a == INSUFFICIENT_DATA || b == INSUFFICIENT_DATA ? INSUFFICIENT_DATA : PASS;
        Outcome expectedOr =
            a == PASS || b == PASS ? PASS : a == INSUFFICIENT_DATA || b == INSUFFICIENT_DATA ? INSUFFICIENT_DATA : FAIL;
        assertThat(and).as("%s and %s", a, b).isEqualTo(expectedAnd);
        assertThat(or).as("%s or %s", a, b).isEqualTo(expectedOr);
      }
    }
    assertThat(eval(Criterion.not(fixed(PASS)), ZERO)).isEqualTo(FAIL);
    assertThat(eval(Criterion.not(fixed(FAIL)), ZERO)).isEqualTo(PASS);
    assertThat(eval(Criterion.not(fixed(INSUFFICIENT_DATA)), ZERO)).isEqualTo(INSUFFICIENT_DATA);
  }

  @Test
  void combination_evidenceNestsEveryChild_andHasNoFloatingPoint() {
    Criterion c =
        Criterion.all(
            Criterion.metric("error_rate").atMostTimesBaseline("1.2").onInsufficientData(InsufficientDataPolicy.HOLD).build(),
            Criterion.any(fixed(PASS), Criterion.not(fixed(PASS))));
    CriterionResult r = c.evaluate(new Metrics().with("error_rate", "0.01", 10).baseline("error_rate", "0.01").with("pass", "0", 1));
    assertThat(r.outcome()).isEqualTo(PASS);
    assertThat((java.util.List<?>) r.evidence().get("all")).hasSize(2);
    assertThat(c.describe())
        .isEqualTo("(error_rate <= 1.2 x baseline) and ((pass < 1) or (not (pass < 1)))");
    assertThat(CanonicalJson.toString(r.evidence())).doesNotContain("E-").contains("\"value\":\"0.01\"");
    @SuppressWarnings("unchecked")
    Map<String, Object> first = (Map<String, Object>) ((List<Object>) r.evidence().get("all")).get(0);
    assertThat(first).containsEntry("limit", "at most 0.012 (1.2 x baseline 0.01)");
  }

  @Test
  void builder_checksEveryArgument() {
    assertThatThrownBy(() -> Criterion.metric("m").below("1").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("criterion on 'm' needs an insufficient-data policy (fail, hold or pass)");
    assertThatThrownBy(() -> Criterion.metric("m").onInsufficientData(InsufficientDataPolicy.FAIL).build())
        .hasMessage("criterion on 'm' has no threshold");
    assertThatThrownBy(() -> Criterion.metric("m").below("1").above("2"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> Criterion.metric("m").between("2", "1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("between needs low <= high, got 2 and 1");
    assertThatThrownBy(() -> Criterion.metric("m").below("one"))
        .hasMessage("limit must be a decimal number, got 'one'");
    assertThatThrownBy(() -> Criterion.metric("m").atMostTimesBaseline("0"))
        .hasMessage("factor must be positive, got 0");
    assertThatThrownBy(() -> Criterion.metric("m").minSamples(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Criterion.metric(null)).isInstanceOf(NullPointerException.class).hasMessage("name");
    assertThatThrownBy(() -> Criterion.all()).isInstanceOf(IllegalArgumentException.class);
  }
}
