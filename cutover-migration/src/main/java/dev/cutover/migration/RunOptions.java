package dev.cutover.migration;

import dev.cutover.migration.internal.Keys;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Per-run settings of a {@link MigrationRunner}: the cutover id and actor recorded in the ledger,
 * the fence that guards writes, the audit entries to link, and the steps whose checksum change is
 * accepted. Immutable and thread-safe.
 */
public final class RunOptions {
  private final String cutoverId;
  private final String actor;
  private final Fence fence;
  private final Function<String, Optional<AuditRef>> audit;
  private final Set<String> acceptedDrift;

  private RunOptions(Builder b) {
    this.cutoverId = b.cutoverId;
    this.actor = b.actor;
    this.fence = b.fence;
    this.audit = b.audit;
    this.acceptedDrift = Set.copyOf(b.acceptedDrift);
  }

  /** Default options: cutover {@code none}, actor {@code cutover}, no fence, no audit links. */
  public static RunOptions defaults() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The cutover id recorded in the ledger. */
  public String cutoverId() {
    return cutoverId;
  }

  /** Who runs it, recorded in the ledger. */
  public String actor() {
    return actor;
  }

  /** The fence checked inside every write. */
  public Fence fence() {
    return fence;
  }

  /**
   * The audit entry that recorded the step, if the caller links one.
   *
   * @param stepId the step
   * @return the link, or empty
   */
  public Optional<AuditRef> auditFor(String stepId) {
    return Objects.requireNonNull(audit.apply(stepId), "audit link function returned null");
  }

  /**
   * Whether a checksum change of this step is accepted in this run.
   *
   * @param stepId the step
   * @return true if accepted
   */
  public boolean acceptsDrift(String stepId) {
    return acceptedDrift.contains(stepId);
  }

  /** Builds {@link RunOptions}. Not thread-safe. */
  public static final class Builder {
    private String cutoverId = "none";
    private String actor = "cutover";
    private Fence fence = Fence.NONE;
    private Function<String, Optional<AuditRef>> audit = id -> Optional.empty();
    private final Set<String> acceptedDrift = new TreeSet<>();
    private boolean cutoverSet;
    private boolean actorSet;
    private boolean fenceSet;
    private boolean auditSet;

    private Builder() {}

    /**
     * Sets the cutover id.
     *
     * @param cutoverId not blank
     * @return this builder
     */
    public Builder cutoverId(String cutoverId) {
      MigrationContext.Builder.once(cutoverSet, "cutoverId");
      this.cutoverId = Keys.check("cutoverId", cutoverId);
      cutoverSet = true;
      return this;
    }

    /**
     * Sets the actor.
     *
     * @param actor not blank
     * @return this builder
     */
    public Builder actor(String actor) {
      MigrationContext.Builder.once(actorSet, "actor");
      this.actor = Keys.check("actor", actor);
      actorSet = true;
      return this;
    }

    /**
     * Sets the fence, e.g. {@link dev.cutover.migration.lease.CutoverLease#fence}.
     *
     * @param fence the fence
     * @return this builder
     */
    public Builder fence(Fence fence) {
      MigrationContext.Builder.once(fenceSet, "fence");
      this.fence = Objects.requireNonNull(fence, "fence");
      fenceSet = true;
      return this;
    }

    /**
     * Sets how to find the audit entry that recorded each step (its {@code seq} and {@code hash}).
     *
     * @param audit from step id to the link, or empty
     * @return this builder
     */
    public Builder audit(Function<String, Optional<AuditRef>> audit) {
      MigrationContext.Builder.once(auditSet, "audit");
      this.audit = Objects.requireNonNull(audit, "audit");
      auditSet = true;
      return this;
    }

    /**
     * Accepts a checksum change of an applied step: the ledger takes the new checksum, and the
     * run reports a {@link DriftAcceptance}.
     *
     * @param stepId the step
     * @return this builder
     */
    public Builder acceptChecksumChange(String stepId) {
      Keys.check("stepId", stepId);
      if (!acceptedDrift.add(stepId)) {
        throw new IllegalStateException("checksum change of '" + stepId + "' is already accepted");
      }
      return this;
    }

    /** Builds the options. */
    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
