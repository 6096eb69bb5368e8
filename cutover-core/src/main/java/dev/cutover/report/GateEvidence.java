package dev.cutover.report;

import dev.cutover.json.CanonicalJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds criteria and approvals in a gate's logged evidence, wherever the host's gate evaluator put
 * them: a criterion is an object with a string {@code criterion} and an {@code outcome} of PASS,
 * FAIL or INSUFFICIENT_DATA ({@code dev.cutover.gate} criteria log themselves so); a quorum is an
 * object with an integer {@code required} and a list {@code approvals}, each with a {@code status}
 * ({@code counted} or why not), a {@code reason}, and the {@code approver} and signed {@code
 * statement} when known. Anything else stays in the raw evidence only.
 */
record GateEvidence(List<GateCriterion> criteria, int quorum, List<GateApproval> approvals) {
  private static final Set<String> OUTCOMES = Set.of("PASS", "FAIL", "INSUFFICIENT_DATA");
  private static final Set<String> SHOWN = Set.of("criterion", "outcome", "reason", "measured");

  static GateEvidence read(Object evidence) {
    List<GateCriterion> criteria = new ArrayList<>();
    List<GateApproval> approvals = new ArrayList<>();
    int[] quorum = {0};
    walk(evidence, criteria, approvals, quorum);
    return new GateEvidence(criteria, quorum[0], approvals);
  }

  private static void walk(
      Object node, List<GateCriterion> criteria, List<GateApproval> approvals, int[] quorum) {
    if (node instanceof List<?> list) {
      list.forEach(n -> walk(n, criteria, approvals, quorum));
      return;
    }
    if (!(node instanceof Map<?, ?> map)) {
      return;
    }
    if (map.get("criterion") instanceof String name && !name.isBlank()
        && map.get("outcome") instanceof String outcome && OUTCOMES.contains(outcome)) {
      criteria.add(new GateCriterion(name, GateCriterion.Outcome.valueOf(outcome), describe(map)));
    }
    boolean isQuorum = map.get("required") instanceof Number
        && map.get("approvals") instanceof List<?>;
    if (isQuorum) {
      quorum[0] += ((Number) map.get("required")).intValue();
      String decision = map.get("decision") instanceof String d ? d : "?";
      for (Object o : (List<?>) map.get("approvals")) {
        if (o instanceof Map<?, ?> a) {
          approvals.add(approval(a, decision));
        }
      }
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      // A quorum's own list of signatures was read above; everything else may nest more.
      if (!(isQuorum && "approvals".equals(e.getKey()))) {
        walk(e.getValue(), criteria, approvals, quorum);
      }
    }
  }

  private static GateApproval approval(Map<?, ?> a, String quorumDecision) {
    String approver;
    if (a.get("approver") instanceof String s && !s.isBlank()) {
      approver = s;
    } else if (a.get("signature") instanceof String sig && !sig.isBlank()) {
      approver = "unknown signer (signature " + sig.substring(0, Math.min(12, sig.length())) + "\u2026)";
    } else {
      approver = "unknown signer";
    }
    String decision = quorumDecision;
    if (a.get("statement") instanceof Map<?, ?> st && st.get("decision") instanceof String d) {
      decision = d;
    }
    String status = a.get("status") instanceof String s ? s : "";
    String reason = a.get("reason") instanceof String r ? r : "";
    if (status.equals("counted")) {
      return GateApproval.counted(approver, decision);
    }
    String why = status.isEmpty() ? reason : status.replace('_', ' ') + (reason.isEmpty() ? "" : ": " + reason);
    return GateApproval.refused(approver, decision, why.isBlank() ? "not counted" : why);
  }

  /** The reason, then every other scalar member as {@code name=value}. */
  private static String describe(Map<?, ?> map) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object v = e.getValue();
      if (SHOWN.contains(String.valueOf(e.getKey())) || v instanceof Map || v instanceof List) {
        continue;
      }
      parts.add(e.getKey() + "=" + (v instanceof String s ? s : CanonicalJson.toString(v)));
    }
    String reason = map.get("reason") instanceof String r ? r : "";
    if (parts.isEmpty()) {
      return reason;
    }
    return (reason.isEmpty() ? "" : reason + " ") + "(" + String.join(", ", parts) + ")";
  }
}
