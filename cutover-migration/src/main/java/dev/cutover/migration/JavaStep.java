package dev.cutover.migration;

import dev.cutover.migration.internal.Hashing;
import dev.cutover.migration.jdbc.Dialect;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A step written in Java: a lambda that applies the effect and another that tells whether it is
 * present. A lambda has no stable text to hash, so the checksum is that of the id and a declared
 * {@linkplain Builder#version(String) version}: change the version when the behaviour changes.
 * Immutable and thread-safe if the lambdas are.
 */
public final class JavaStep implements MigrationStep {
  private final String id;
  private final String version;
  private final String checksum;
  private final Action action;
  private final Probe probe;
  private final Check check;
  private final boolean transactional;
  private final MigrationStep inverse;

  private JavaStep(Builder b) {
    this.id = b.id;
    this.version = b.version;
    this.checksum = Hashing.sha256Hex("java-step\n" + b.id + "\n" + b.version + "\n");
    this.action = b.action;
    this.probe = b.probe;
    this.check = b.check;
    this.transactional = b.transactional;
    this.inverse = b.inverse;
  }

  /** A builder; id, version, apply and isApplied are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Applies a Java step's effect. */
  @FunctionalInterface
  public interface Action {
    /**
     * Applies the effect.
     *
     * @param context the connection and run information
     * @return evidence
     * @throws SQLException if the database refuses
     */
    Map<String, Object> apply(MigrationContext context) throws SQLException;
  }

  /** Tells whether a Java step's effect is present. */
  @FunctionalInterface
  public interface Probe {
    /**
     * Whether the effect is present.
     *
     * @param context the connection and run information
     * @return true if present
     * @throws SQLException if the database cannot be read
     */
    boolean isApplied(MigrationContext context) throws SQLException;
  }

  /** Verifies a Java step's effect. */
  @FunctionalInterface
  public interface Check {
    /**
     * Verifies the effect.
     *
     * @param context the connection and run information
     * @return the verification
     * @throws SQLException if the database cannot be read
     */
    Verification verify(MigrationContext context) throws SQLException;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String checksum() {
    return checksum;
  }

  /** The declared version of the step's behaviour. */
  public String version() {
    return version;
  }

  @Override
  public boolean transactionalOn(Dialect dialect) {
    return transactional;
  }

  @Override
  public Map<String, Object> apply(MigrationContext context) throws SQLException {
    return action.apply(context);
  }

  @Override
  public boolean isApplied(MigrationContext context) throws SQLException {
    return probe.isApplied(context);
  }

  @Override
  public Verification verify(MigrationContext context) throws SQLException {
    return check == null ? Verification.passed(Map.of()) : check.verify(context);
  }

  @Override
  public Optional<MigrationStep> inverse() {
    return Optional.ofNullable(inverse);
  }

  @Override
  public String toString() {
    return "JavaStep[" + id + ", version " + version + "]";
  }

  /** Builds a {@link JavaStep}. Not thread-safe. */
  public static final class Builder {
    private String id;
    private String version;
    private Action action;
    private Probe probe;
    private Check check;
    private boolean transactional = true;
    private boolean transactionalSet;
    private MigrationStep inverse;

    private Builder() {}

    /**
     * Sets the id (required).
     *
     * @param id not blank, at most 200 characters
     * @return this builder
     */
    public Builder id(String id) {
      if (this.id != null) {
        throw new IllegalStateException("id is already set to '" + this.id + "'");
      }
      this.id = SqlStep.Builder.checkId(id);
      return this;
    }

    /**
     * Sets the version that the checksum covers (required); change it when the behaviour changes.
     *
     * @param version not blank
     * @return this builder
     */
    public Builder version(String version) {
      if (this.version != null) {
        throw new IllegalStateException("version is already set");
      }
      this.version = MigrationContext.Builder.nonBlank(version, "version");
      return this;
    }

    /**
     * Sets the action (required).
     *
     * @param action applies the effect
     * @return this builder
     */
    public Builder apply(Action action) {
      if (this.action != null) {
        throw new IllegalStateException("apply is already set");
      }
      this.action = Objects.requireNonNull(action, "action");
      return this;
    }

    /**
     * Sets the probe (required).
     *
     * @param probe tells whether the effect is present
     * @return this builder
     */
    public Builder isApplied(Probe probe) {
      if (this.probe != null) {
        throw new IllegalStateException("isApplied is already set");
      }
      this.probe = Objects.requireNonNull(probe, "probe");
      return this;
    }

    /**
     * Sets the verification (default: passes).
     *
     * @param check verifies the effect
     * @return this builder
     */
    public Builder verify(Check check) {
      if (this.check != null) {
        throw new IllegalStateException("verify is already set");
      }
      this.check = Objects.requireNonNull(check, "check");
      return this;
    }

    /**
     * Whether the action runs inside the runner's transaction (default true). Set false for an
     * action that commits by itself.
     *
     * @param transactional true to run inside the runner's transaction
     * @return this builder
     */
    public Builder transactional(boolean transactional) {
      MigrationContext.Builder.once(transactionalSet, "transactional");
      this.transactional = transactional;
      transactionalSet = true;
      return this;
    }

    /**
     * Sets the step that undoes this one.
     *
     * @param inverse the inverse
     * @return this builder
     */
    public Builder inverse(MigrationStep inverse) {
      if (this.inverse != null) {
        throw new IllegalStateException("inverse is already set");
      }
      this.inverse = Objects.requireNonNull(inverse, "inverse");
      return this;
    }

    /**
     * Builds the step.
     *
     * @return the step
     * @throws IllegalStateException naming the first missing setting
     */
    public JavaStep build() {
      if (id == null) {
        throw new IllegalStateException("id is required");
      }
      if (version == null) {
        throw new IllegalStateException("java step '" + id + "': version is required");
      }
      if (action == null) {
        throw new IllegalStateException("java step '" + id + "': apply is required");
      }
      if (probe == null) {
        throw new IllegalStateException("java step '" + id + "': isApplied is required");
      }
      return new JavaStep(this);
    }
  }
}
