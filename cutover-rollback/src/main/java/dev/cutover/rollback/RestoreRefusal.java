package dev.cutover.rollback;

import java.time.Instant;
import java.util.Objects;

/**
 * A restore that was refused before anything changed: which snapshot, who asked, when, and why.
 * Immutable.
 *
 * @param snapshotId the id of the snapshot that was asked for
 * @param scope the scope it names
 * @param principal who asked
 * @param at when the refusal happened, from the store's clock
 * @param reason the kind of refusal
 * @param detail the full explanation, fit for the audit log
 */
public record RestoreRefusal(
    String snapshotId, String scope, String principal, Instant at, Reason reason, String detail) {
  /** Checks every field. */
  public RestoreRefusal {
    Checks.notBlank(snapshotId, "snapshotId");
    Checks.notBlank(scope, "scope");
    Checks.notBlank(principal, "principal");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(reason, "reason");
    Checks.notBlank(detail, "detail");
  }

  /** Why a restore was refused. */
  public enum Reason {
    /** The authorizer did not grant the restore. */
    UNAUTHORIZED,
    /** The rollback window had closed. */
    WINDOW_CLOSED,
    /** The stored snapshot no longer matches its digests. */
    TAMPERED,
    /** The store holds no snapshot with that id (never taken, or released). */
    UNKNOWN_SNAPSHOT,
    /** The scope passed to restore is not the scope that was captured. */
    SCOPE_MISMATCH
  }
}
