package dev.cutover.gate;

import dev.cutover.gate.spi.MetricSource;
import java.util.List;
import java.util.Objects;

/**
 * An exit criterion of a gate: a condition over host metrics that evaluates to PASS, FAIL or
 * INSUFFICIENT_DATA with a reason a person can read.
 *
 * <p>Build leaves with {@link #metric(String)} and combine them with {@link #all}, {@link #any} and
 * {@link #not}, which follow three-valued (Kleene) logic: {@code all} fails if any child fails,
 * else is insufficient if any child is, else passes; {@code any} passes if any child passes, else
 * is insufficient if any child is, else fails; {@code not} swaps PASS and FAIL and keeps
 * INSUFFICIENT_DATA. Implementations are immutable and thread-safe.
 */
public interface Criterion {
  /**
   * Evaluates the criterion. Reads each metric it needs once.
   *
   * @param metrics where to read the metrics
   * @return the result, with evidence
   */
  CriterionResult evaluate(MetricSource metrics);

  /**
   * A description for people, e.g. {@code error_rate <= 1.2 x baseline}.
   *
   * @return the description
   */
  String describe();

  /**
   * Starts a criterion over one metric.
   *
   * @param name the metric's name, as the {@link MetricSource} knows it
   * @return a builder
   */
  static MetricCriterion.Builder metric(String name) {
    return MetricCriterion.builder(name);
  }

  /**
   * A criterion that holds when all of the given ones hold.
   *
   * @param criteria at least one criterion
   * @return the combination
   */
  static Criterion all(Criterion... criteria) {
    return new Combination(Combination.Kind.ALL, List.of(check(criteria)));
  }

  /**
   * A criterion that holds when any of the given ones holds.
   *
   * @param criteria at least one criterion
   * @return the combination
   */
  static Criterion any(Criterion... criteria) {
    return new Combination(Combination.Kind.ANY, List.of(check(criteria)));
  }

  /**
   * A criterion that holds when the given one fails (insufficient data stays insufficient).
   *
   * @param criterion the criterion to negate
   * @return the negation
   */
  static Criterion not(Criterion criterion) {
    return new Combination(
        Combination.Kind.NOT, List.of(Objects.requireNonNull(criterion, "criterion")));
  }

  private static Criterion[] check(Criterion[] criteria) {
    Objects.requireNonNull(criteria, "criteria");
    if (criteria.length == 0) {
      throw new IllegalArgumentException("criteria must not be empty");
    }
    for (Criterion c : criteria) {
      Objects.requireNonNull(c, "criteria contains null");
    }
    return criteria;
  }
}
