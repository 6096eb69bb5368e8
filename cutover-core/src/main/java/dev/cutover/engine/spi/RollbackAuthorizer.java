package dev.cutover.engine.spi;

import java.util.Optional;

/**
 * Decides whether an operator's rollback request is authorised, for example by checking a quorum
 * of signed approvals with decision ROLLBACK bound to this plan and log. Without an authorizer the
 * engine refuses every operator rollback. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface RollbackAuthorizer {
  /**
   * Checks a request.
   *
   * @param request the request
   * @param planDigest the digest of the plan being run
   * @param logSize the size of the log when the request arrived
   * @return empty if authorised, otherwise why not (a lower-case sentence)
   */
  Optional<String> refusal(RollbackRequest request, String planDigest, long logSize);
}
