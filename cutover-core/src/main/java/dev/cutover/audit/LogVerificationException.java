package dev.cutover.audit;

import dev.cutover.CutoverException;
import java.util.Objects;

/** A log did not verify: it was tampered with, or a checkpoint does not match it. */
public final class LogVerificationException extends CutoverException {
  private static final long serialVersionUID = 1L;

  private final transient LogVerification verification;

  /**
   * Creates the exception from a failed verification.
   *
   * @param verification the result, which must have a failure
   */
  public LogVerificationException(LogVerification verification) {
    super(Objects.requireNonNull(verification, "verification").summary());
    if (verification.ok()) {
      throw new IllegalArgumentException("verification did not fail");
    }
    this.verification = verification;
  }

  /**
   * Returns the verification result with its first failure.
   *
   * @return the result
   */
  public LogVerification verification() {
    return verification;
  }

  /**
   * Returns the first failure.
   *
   * @return the failure
   */
  public LogVerification.Failure failure() {
    return verification.failure();
  }
}
