package dev.cutover.engine;

import dev.cutover.audit.AuditLog;
import dev.cutover.gate.Approval;
import dev.cutover.gate.ApprovalBinding;
import dev.cutover.gate.ApprovalPolicy;
import dev.cutover.gate.QuorumResult;
import dev.cutover.gate.spi.LogState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Signed approvals as an operator request carries them ({@code authorization.approvals}: a list of
 * {@code {statement, signature}}, both base64), and the quorum check of them against the run's log.
 */
final class SignedApprovals {
  private SignedApprovals() {}

  static Map<String, Object> authorization(List<Approval> approvals) {
    List<Object> list = new ArrayList<>();
    Base64.Encoder b64 = Base64.getEncoder();
    for (Approval a : approvals) {
      list.add(Map.of("statement", b64.encodeToString(a.statement()), "signature", a.signatureBase64()));
    }
    return Map.of("approvals", list);
  }

  /** Why the approvals in an authorization do not make a quorum for the binding, or empty. */
  static Optional<String> refusal(
      Map<String, Object> authorization,
      ApprovalPolicy policy,
      ApprovalBinding binding,
      AuditLog log,
      Clock clock) {
    Object raw = authorization.get("approvals");
    if (!(raw instanceof List) || ((List<?>) raw).isEmpty()) {
      return Optional.of("the request carries no approvals (authorization.approvals)");
    }
    List<Approval> approvals = new ArrayList<>();
    Base64.Decoder b64 = Base64.getDecoder();
    int index = 0;
    for (Object o : (List<?>) raw) {
      if (!(o instanceof Map)) {
        return Optional.of("authorization.approvals[" + index + "] is not an object: " + o);
      }
      Map<?, ?> m = (Map<?, ?>) o;
      try {
        approvals.add(
            Approval.of(
                b64.decode(String.valueOf(m.get("statement"))),
                b64.decode(String.valueOf(m.get("signature")))));
      } catch (IllegalArgumentException e) {
        return Optional.of(
            "authorization.approvals[" + index + "] is not valid base64: " + e.getMessage());
      }
      index++;
    }
    LogState state = LogState.of(log);
    QuorumResult quorum = policy.check(binding, state, clock.instant(), approvals, List.of());
    return quorum.met() ? Optional.empty() : Optional.of(quorum.reason());
  }
}
