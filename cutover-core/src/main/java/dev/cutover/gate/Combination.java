package dev.cutover.gate;

import dev.cutover.gate.spi.MetricSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code all}, {@code any} and {@code not} over criteria, in three-valued logic. */
final class Combination implements Criterion {
  enum Kind {
    ALL,
    ANY,
    NOT
  }

  private final Kind kind;
  private final List<Criterion> children;

  Combination(Kind kind, List<Criterion> children) {
    this.kind = kind;
    this.children = List.copyOf(children);
  }

  @Override
  public CriterionResult evaluate(MetricSource metrics) {
    List<CriterionResult> results = new ArrayList<>();
    for (Criterion c : children) {
      results.add(c.evaluate(metrics));
    }
    Outcome outcome = combine(results);
    List<Object> evidence = new ArrayList<>();
    for (CriterionResult r : results) {
      evidence.add(r.evidence());
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("criterion", describe());
    e.put(kind.name().toLowerCase(Locale.ROOT), evidence);
    e.put("outcome", outcome.name());
    String reason = reason(outcome, results);
    e.put("reason", reason);
    return new CriterionResult(outcome, reason, e);
  }

  private Outcome combine(List<CriterionResult> results) {
    if (kind == Kind.NOT) {
      Outcome o = results.get(0).outcome();
      return o == Outcome.PASS ? Outcome.FAIL : o == Outcome.FAIL ? Outcome.PASS : o;
    }
    Outcome decisive = kind == Kind.ALL ? Outcome.FAIL : Outcome.PASS;
    boolean insufficient = false;
    for (CriterionResult r : results) {
      if (r.outcome() == decisive) {
        return decisive;
      }
      insufficient |= r.outcome() == Outcome.INSUFFICIENT_DATA;
    }
    if (insufficient) {
      return Outcome.INSUFFICIENT_DATA;
    }
    return kind == Kind.ALL ? Outcome.PASS : Outcome.FAIL;
  }

  private String reason(Outcome outcome, List<CriterionResult> results) {
    if (kind == Kind.NOT) {
      return "not (" + results.get(0).reason() + ")";
    }
    List<String> relevant = new ArrayList<>();
    for (CriterionResult r : results) {
      if (r.outcome() == outcome) {
        relevant.add(r.reason());
      }
    }
    String which =
        switch (outcome) {
          case PASS -> kind == Kind.ALL ? "all passed" : "one passed";
          case FAIL -> kind == Kind.ALL ? "one failed" : "none passed";
          case INSUFFICIENT_DATA -> "insufficient data";
        };
    return which + ": " + String.join("; ", relevant);
  }

  @Override
  public String describe() {
    if (kind == Kind.NOT) {
      return "not (" + children.get(0).describe() + ")";
    }
    String sep = kind == Kind.ALL ? " and " : " or ";
    return children.stream().map(c -> "(" + c.describe() + ")").collect(Collectors.joining(sep));
  }

  @Override
  public String toString() {
    return describe();
  }
}
