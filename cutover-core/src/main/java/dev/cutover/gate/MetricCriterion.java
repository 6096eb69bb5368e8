package dev.cutover.gate;

import dev.cutover.gate.spi.MetricReading;
import dev.cutover.gate.spi.MetricSource;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A criterion over one metric: a threshold ({@code below}, {@code above}, {@code between}, or
 * relative to a baseline recorded before the cutover), a minimum sample size, and the mandatory
 * policy for insufficient data. Values are compared exactly as {@link BigDecimal}s.
 *
 * <p>Insufficient data means: no reading, fewer samples than the minimum, or, for a relative
 * threshold, no baseline. Create with {@link Criterion#metric(String)}. Immutable and thread-safe.
 */
public final class MetricCriterion implements Criterion {
  enum Op {
    BELOW,
    ABOVE,
    BETWEEN,
    AT_MOST_TIMES_BASELINE,
    AT_LEAST_TIMES_BASELINE
  }

  private final String metric;
  private final Op op;
  private final BigDecimal a;
  private final BigDecimal b;
  private final long minSamples;
  private final InsufficientDataPolicy policy;

  private MetricCriterion(Builder builder) {
    this.metric = builder.metric;
    this.op = builder.op;
    this.a = builder.a;
    this.b = builder.b;
    this.minSamples = builder.minSamples;
    this.policy = builder.policy;
  }

  static Builder builder(String metric) {
    Objects.requireNonNull(metric, "name");
    if (metric.isBlank()) {
      throw new IllegalArgumentException("metric name must not be blank");
    }
    return new Builder(metric);
  }

  @Override
  public String describe() {
    String n = metric;
    return switch (op) {
      case BELOW -> n + " < " + a.toPlainString();
      case ABOVE -> n + " > " + a.toPlainString();
      case BETWEEN -> a.toPlainString() + " <= " + n + " <= " + b.toPlainString();
      case AT_MOST_TIMES_BASELINE -> n + " <= " + a.toPlainString() + " x baseline";
      case AT_LEAST_TIMES_BASELINE -> n + " >= " + a.toPlainString() + " x baseline";
    };
  }

  @Override
  public CriterionResult evaluate(MetricSource metrics) {
    Objects.requireNonNull(metrics, "metrics");
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("criterion", describe());
    e.put("metric", metric);
    e.put("min_samples", minSamples);
    e.put("insufficient_data_policy", policy.evidenceName());
    Optional<MetricReading> reading = orEmpty(metrics.read(metric));
    if (reading.isEmpty()) {
      return insufficient(e, "no reading of '" + metric + "'");
    }
    MetricReading r = reading.get();
    e.put("value", r.value().toPlainString());
    e.put("samples", r.samples());
    if (r.samples() < minSamples) {
      return insufficient(
          e,
          "'" + metric + "' has " + r.samples() + " samples, needs at least " + minSamples);
    }
    BigDecimal value = r.value();
    BigDecimal low;
    BigDecimal high;
    String limit;
    switch (op) {
      case BELOW -> {
        low = null;
        high = a;
        limit = "below " + a.toPlainString();
      }
      case ABOVE -> {
        low = a;
        high = null;
        limit = "above " + a.toPlainString();
      }
      case BETWEEN -> {
        low = a;
        high = b;
        limit = "between " + a.toPlainString() + " and " + b.toPlainString() + " inclusive";
      }
      default -> {
        Optional<MetricReading> baseline = orEmpty(metrics.baseline(metric));
        if (baseline.isEmpty()) {
          return insufficient(e, "no baseline recorded for '" + metric + "'");
        }
        BigDecimal base = baseline.get().value();
        BigDecimal bound = a.multiply(base);
        e.put("baseline", base.toPlainString());
        e.put("factor", a.toPlainString());
        boolean atMost = op == Op.AT_MOST_TIMES_BASELINE;
        low = atMost ? null : bound;
        high = atMost ? bound : null;
        limit =
            (atMost ? "at most " : "at least ")
                + bound.toPlainString()
                + " ("
                + a.toPlainString()
                + " x baseline "
                + base.toPlainString()
                + ")";
      }
    }
    e.put("limit", limit);
    boolean pass;
    if (op == Op.BELOW) {
      pass = value.compareTo(high) < 0;
    } else if (op == Op.ABOVE) {
      pass = value.compareTo(low) > 0;
    } else {
      pass = (low == null || value.compareTo(low) >= 0) && (high == null || value.compareTo(high) <= 0);
    }
    Outcome outcome = pass ? Outcome.PASS : Outcome.FAIL;
    String reason =
        "'" + metric + "' is " + value.toPlainString() + ", " + (pass ? "" : "not ") + limit;
    e.put("measured", outcome.name());
    e.put("outcome", outcome.name());
    e.put("reason", reason);
    return new CriterionResult(outcome, reason, e);
  }

  private static Optional<MetricReading> orEmpty(Optional<MetricReading> r) {
    return r == null ? Optional.empty() : r;
  }

  private CriterionResult insufficient(Map<String, Object> e, String why) {
    Outcome outcome =
        switch (policy) {
          case FAIL -> Outcome.FAIL;
          case PASS -> Outcome.PASS;
          case HOLD -> Outcome.INSUFFICIENT_DATA;
        };
    String reason = "insufficient data: " + why + "; policy " + policy.evidenceName();
    e.put("measured", Outcome.INSUFFICIENT_DATA.name());
    e.put("outcome", outcome.name());
    e.put("reason", reason);
    return new CriterionResult(outcome, reason, e);
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Builds a {@link MetricCriterion}. Not thread-safe. */
  public static final class Builder {
    private final String metric;
    private Op op;
    private BigDecimal a;
    private BigDecimal b;
    private long minSamples = 1;
    private boolean minSamplesSet;
    private InsufficientDataPolicy policy;

    private Builder(String metric) {
      this.metric = metric;
    }

    /**
     * Passes when the value is strictly below the limit.
     *
     * @param limit the limit
     * @return this builder
     */
    public Builder below(BigDecimal limit) {
      return threshold(Op.BELOW, Objects.requireNonNull(limit, "limit"), null);
    }

    /**
     * Passes when the value is strictly below the limit.
     *
     * @param limit the limit as decimal text, e.g. {@code "0.01"}
     * @return this builder
     */
    public Builder below(String limit) {
      return below(decimal(limit, "limit"));
    }

    /**
     * Passes when the value is strictly above the limit.
     *
     * @param limit the limit
     * @return this builder
     */
    public Builder above(BigDecimal limit) {
      return threshold(Op.ABOVE, Objects.requireNonNull(limit, "limit"), null);
    }

    /**
     * Passes when the value is strictly above the limit.
     *
     * @param limit the limit as decimal text
     * @return this builder
     */
    public Builder above(String limit) {
      return above(decimal(limit, "limit"));
    }

    /**
     * Passes when {@code low <= value <= high}.
     *
     * @param low the lower bound, inclusive
     * @param high the upper bound, inclusive, not below {@code low}
     * @return this builder
     * @throws IllegalArgumentException if {@code high < low}
     */
    public Builder between(BigDecimal low, BigDecimal high) {
      Objects.requireNonNull(low, "low");
      Objects.requireNonNull(high, "high");
      if (high.compareTo(low) < 0) {
        throw new IllegalArgumentException(
            "between needs low <= high, got " + low.toPlainString() + " and " + high.toPlainString());
      }
      return threshold(Op.BETWEEN, low, high);
    }

    /**
     * Passes when {@code low <= value <= high}.
     *
     * @param low the lower bound as decimal text, inclusive
     * @param high the upper bound as decimal text, inclusive
     * @return this builder
     */
    public Builder between(String low, String high) {
      return between(decimal(low, "low"), decimal(high, "high"));
    }

    /**
     * Passes when {@code value <= factor × baseline}, e.g. "error rate at most 1.2 times the
     * pre-cutover baseline".
     *
     * @param factor a positive factor
     * @return this builder
     */
    public Builder atMostTimesBaseline(BigDecimal factor) {
      return threshold(Op.AT_MOST_TIMES_BASELINE, positive(factor), null);
    }

    /**
     * Passes when {@code value <= factor × baseline}.
     *
     * @param factor a positive factor as decimal text, e.g. {@code "1.2"}
     * @return this builder
     */
    public Builder atMostTimesBaseline(String factor) {
      return atMostTimesBaseline(decimal(factor, "factor"));
    }

    /**
     * Passes when {@code value >= factor × baseline}, e.g. "throughput at least 0.9 times the
     * baseline".
     *
     * @param factor a positive factor
     * @return this builder
     */
    public Builder atLeastTimesBaseline(BigDecimal factor) {
      return threshold(Op.AT_LEAST_TIMES_BASELINE, positive(factor), null);
    }

    /**
     * Passes when {@code value >= factor × baseline}.
     *
     * @param factor a positive factor as decimal text
     * @return this builder
     */
    public Builder atLeastTimesBaseline(String factor) {
      return atLeastTimesBaseline(decimal(factor, "factor"));
    }

    /**
     * Sets the fewest samples a reading needs to count; 1 if not set.
     *
     * @param samples at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if already set
     */
    public Builder minSamples(long samples) {
      if (samples < 1) {
        throw new IllegalArgumentException("minSamples must be at least 1, got " + samples);
      }
      if (minSamplesSet) {
        throw new IllegalStateException("criterion on '" + metric + "': minSamples is already set");
      }
      this.minSamples = samples;
      this.minSamplesSet = true;
      return this;
    }

    /**
     * Sets what to conclude from insufficient data. Mandatory.
     *
     * @param policy the policy
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder onInsufficientData(InsufficientDataPolicy policy) {
      Objects.requireNonNull(policy, "policy");
      if (this.policy != null) {
        throw new IllegalStateException(
            "criterion on '" + metric + "': insufficient-data policy is already set");
      }
      this.policy = policy;
      return this;
    }

    /**
     * Builds the criterion.
     *
     * @return the criterion
     * @throws IllegalStateException if no threshold or no insufficient-data policy was set
     */
    public MetricCriterion build() {
      if (op == null) {
        throw new IllegalStateException("criterion on '" + metric + "' has no threshold");
      }
      if (policy == null) {
        throw new IllegalStateException(
            "criterion on '" + metric + "' needs an insufficient-data policy (fail, hold or pass)");
      }
      return new MetricCriterion(this);
    }

    private Builder threshold(Op op, BigDecimal a, BigDecimal b) {
      if (this.op != null) {
        throw new IllegalStateException("criterion on '" + metric + "' already has a threshold");
      }
      this.op = op;
      this.a = a;
      this.b = b;
      return this;
    }

    private static BigDecimal positive(BigDecimal factor) {
      Objects.requireNonNull(factor, "factor");
      if (factor.signum() <= 0) {
        throw new IllegalArgumentException(
            "factor must be positive, got " + factor.toPlainString());
      }
      return factor;
    }

    private static BigDecimal decimal(String text, String name) {
      Objects.requireNonNull(text, name);
      try {
        return new BigDecimal(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a decimal number, got '" + text + "'", e);
      }
    }
  }
}
