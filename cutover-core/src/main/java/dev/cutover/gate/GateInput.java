package dev.cutover.gate;

import dev.cutover.gate.spi.LogState;
import dev.cutover.gate.spi.MetricSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a gate decides from: the clock, the metrics, and for approvals the cutover, the plan
 * digest, the log and the approvals presented. Immutable and thread-safe if its parts are.
 */
public final class GateInput {
  private final Clock clock;
  private final MetricSource metrics;
  private final String cutover;
  private final String planDigest;
  private final LogState log;
  private final List<Approval> approvals;
  private final List<PriorApproval> priorApprovals;

  private GateInput(Builder b) {
    this.clock = b.clock;
    this.metrics = b.metrics;
    this.cutover = b.cutover;
    this.planDigest = b.planDigest;
    this.log = b.log;
    this.approvals = List.copyOf(b.approvals);
    this.priorApprovals = List.copyOf(b.priorApprovals);
  }

  /**
   * Starts an input.
   *
   * @param clock the clock the decision's time comes from
   * @return a builder
   */
  public static Builder builder(Clock clock) {
    return new Builder(Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The clock.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * The metric source, if given.
   *
   * @return the metrics
   */
  public Optional<MetricSource> metrics() {
    return Optional.ofNullable(metrics);
  }

  /**
   * The cutover's id, if given.
   *
   * @return the cutover id
   */
  public Optional<String> cutover() {
    return Optional.ofNullable(cutover);
  }

  /**
   * The plan's digest, if given.
   *
   * @return the plan digest
   */
  public Optional<String> planDigest() {
    return Optional.ofNullable(planDigest);
  }

  /**
   * The log state, if given.
   *
   * @return the log state
   */
  public Optional<LogState> log() {
    return Optional.ofNullable(log);
  }

  /**
   * The approvals presented.
   *
   * @return an immutable list
   */
  public List<Approval> approvals() {
    return approvals;
  }

  /**
   * Signatures that already counted for earlier decisions.
   *
   * @return an immutable list
   */
  public List<PriorApproval> priorApprovals() {
    return priorApprovals;
  }

  /** Builds a {@link GateInput}. Not thread-safe. */
  public static final class Builder {
    private final Clock clock;
    private MetricSource metrics;
    private String cutover;
    private String planDigest;
    private LogState log;
    private final List<Approval> approvals = new ArrayList<>();
    private final List<PriorApproval> priorApprovals = new ArrayList<>();

    private Builder(Clock clock) {
      this.clock = clock;
    }

    /**
     * Sets where criteria read metrics.
     *
     * @param metrics the metric source
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder metrics(MetricSource metrics) {
      Objects.requireNonNull(metrics, "metrics");
      if (this.metrics != null) {
        throw new IllegalStateException("metrics are already set");
      }
      this.metrics = metrics;
      return this;
    }

    /**
     * Sets what approvals must be bound to: the cutover, the plan digest and the log.
     *
     * @param cutover the cutover's id
     * @param planDigest the plan's digest
     * @param log the log's state
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder binding(String cutover, String planDigest, LogState log) {
      Objects.requireNonNull(cutover, "cutover");
      Objects.requireNonNull(planDigest, "planDigest");
      Objects.requireNonNull(log, "log");
      if (this.cutover != null) {
        throw new IllegalStateException("binding is already set");
      }
      this.cutover = cutover;
      this.planDigest = planDigest;
      this.log = log;
      return this;
    }

    /**
     * Adds approvals presented for this decision.
     *
     * @param approvals the approvals
     * @return this builder
     */
    public Builder approvals(List<Approval> approvals) {
      Objects.requireNonNull(approvals, "approvals");
      for (Approval a : approvals) {
        this.approvals.add(Objects.requireNonNull(a, "approvals contains null"));
      }
      return this;
    }

    /**
     * Adds signatures that already counted for earlier decisions, read from the audit log.
     *
     * @param prior the prior approvals
     * @return this builder
     */
    public Builder priorApprovals(List<PriorApproval> prior) {
      Objects.requireNonNull(prior, "prior");
      for (PriorApproval p : prior) {
        this.priorApprovals.add(Objects.requireNonNull(p, "prior contains null"));
      }
      return this;
    }

    /**
     * Builds the input.
     *
     * @return the input
     */
    public GateInput build() {
      return new GateInput(this);
    }
  }
}
