package dev.cutover.gate;

import dev.cutover.crypto.Ed25519PublicKey;
import dev.cutover.gate.spi.LogState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * M of N approval: N configured approvers, each with an Ed25519 public key, of whom M distinct ones
 * must sign a statement bound to the cutover, the plan digest, the gate, the decision and the log.
 *
 * <p>An approval counts only if, checked in this order: its statement is canonical JSON with
 * exactly the statement's members; its signature verifies under a configured key; the same
 * signature was not presented twice; it was not already used for another cutover, gate or decision
 * ({@link PriorApproval}); it is bound to this cutover, plan, gate and decision, and its log root
 * is the root of the first {@code log_size} entries of the log; it has not expired ({@code now <
 * expires}); and its approver has not already been counted. The evidence says, for each approval,
 * which check it failed. Immutable and thread-safe.
 */
public final class ApprovalPolicy {
  private final Map<String, Ed25519PublicKey> approvers;
  private final int required;

  private ApprovalPolicy(Builder b) {
    this.approvers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.approvers));
    this.required = b.required;
  }

  /**
   * Starts a policy.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The configured approvers and their keys, in the order added.
   *
   * @return an immutable map from name to key
   */
  public Map<String, Ed25519PublicKey> approvers() {
    return approvers;
  }

  /**
   * The number of distinct approvers required (M).
   *
   * @return M
   */
  public int required() {
    return required;
  }

  /**
   * Checks approvals.
   *
   * @param binding what the approvals must be bound to
   * @param log the log, to check each approval's log size and root
   * @param now the current instant, from the caller's clock
   * @param approvals the approvals presented, in order
   * @param prior signatures that already counted for some decision (from the audit log)
   * @return whether the quorum is met, with evidence for every approval
   */
  public QuorumResult check(
      ApprovalBinding binding,
      LogState log,
      Instant now,
      List<Approval> approvals,
      Collection<PriorApproval> prior) {
    Objects.requireNonNull(binding, "binding");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(approvals, "approvals");
    Objects.requireNonNull(prior, "prior");
    Map<String, PriorApproval> priorBySignature = new HashMap<>();
    for (PriorApproval p : prior) {
      priorBySignature.putIfAbsent(p.signature(), p);
    }
    Set<String> seenSignatures = new HashSet<>();
    List<String> counted = new ArrayList<>();
    List<Object> entries = new ArrayList<>();
    for (Approval a : approvals) {
      Objects.requireNonNull(a, "approvals contains null");
      Map<String, Object> e = new LinkedHashMap<>();
      String sig = a.signatureBase64();
      e.put("signature", sig);
      String[] status = check(a, sig, binding, log, now, priorBySignature, seenSignatures, counted, e);
      e.put("status", status[0]);
      e.put("reason", status[1]);
      entries.add(e);
    }
    boolean met = counted.size() >= required;
    String reason =
        counted.size()
            + " of "
            + required
            + " required approvals for "
            + binding.decision()
            + " at gate '"
            + binding.gate()
            + "'"
            + (counted.isEmpty() ? "" : " (" + String.join(", ", counted) + ")")
            + (met ? "" : ": quorum not met");
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("required", required);
    evidence.put("configured", new ArrayList<>(approvers.keySet()));
    evidence.put("decision", binding.decision().name());
    evidence.put("counted", counted.size());
    evidence.put("approvers", new ArrayList<>(counted));
    evidence.put("met", met);
    evidence.put("approvals", entries);
    evidence.put("reason", reason);
    return new QuorumResult(met, required, counted, reason, evidence);
  }

  private String[] check(
      Approval a,
      String sig,
      ApprovalBinding binding,
      LogState log,
      Instant now,
      Map<String, PriorApproval> prior,
      Set<String> seen,
      List<String> counted,
      Map<String, Object> e) {
    ApprovalStatement s;
    try {
      s = ApprovalStatement.parse(a.statementBytes());
    } catch (IllegalArgumentException ex) {
      return new String[] {"malformed", ex.getMessage()};
    }
    e.put("statement", s.toMap());
    String signer = null;
    for (Map.Entry<String, Ed25519PublicKey> k : approvers.entrySet()) {
      if (k.getValue().verify(a.statementBytes(), a.signatureBytes())) {
        signer = k.getKey();
        break;
      }
    }
    if (signer == null) {
      return new String[] {
        "unknown_key", "signature does not verify under any configured approver's key"
      };
    }
    e.put("approver", signer);
    if (!seen.add(sig)) {
      return new String[] {"duplicate_signature", "the same signature was presented more than once"};
    }
    PriorApproval p = prior.get(sig);
    if (p != null
        && !(p.cutover().equals(binding.cutover())
            && p.gate().equals(binding.gate())
            && p.decision() == binding.decision())) {
      return new String[] {
        "replayed",
        "signature already counted for "
            + p.decision()
            + " at gate '"
            + p.gate()
            + "' of cutover '"
            + p.cutover()
            + "'"
      };
    }
    List<String> wrong = new ArrayList<>();
    mismatch(wrong, "cutover", s.cutover(), binding.cutover());
    mismatch(wrong, "plan", s.plan(), binding.plan());
    mismatch(wrong, "gate", s.gate(), binding.gate());
    mismatch(wrong, "decision", s.decision().name(), binding.decision().name());
    if (s.logSize() > log.size()) {
      wrong.add("log_size is " + s.logSize() + ", but the log has only " + log.size() + " entries");
    } else {
      Optional<String> root = log.rootAt(s.logSize());
      if (root.isEmpty() || !root.get().equals(s.logRoot())) {
        wrong.add(
            "log_root is "
                + s.logRoot()
                + ", expected "
                + root.orElse("(none)")
                + " for the first "
                + s.logSize()
                + " entries");
      }
    }
    if (!wrong.isEmpty()) {
      return new String[] {"mis_bound", String.join("; ", wrong)};
    }
    if (!now.isBefore(s.expires())) {
      return new String[] {"expired", "expired at " + s.expires() + ", now " + now};
    }
    if (counted.contains(signer)) {
      return new String[] {
        "duplicate_approver", "approver '" + signer + "' is already counted"
      };
    }
    counted.add(signer);
    return new String[] {"counted", "valid approval by '" + signer + "'"};
  }

  private static void mismatch(List<String> wrong, String member, String got, String expected) {
    if (!got.equals(expected)) {
      wrong.add(member + " is '" + got + "', expected '" + expected + "'");
    }
  }

  /** Builds an {@link ApprovalPolicy}. Not thread-safe. */
  public static final class Builder {
    private final Map<String, Ed25519PublicKey> approvers = new LinkedHashMap<>();
    private int required;

    private Builder() {}

    /**
     * Adds an approver.
     *
     * @param name the approver's name, unique
     * @param key the approver's public key, not shared with another approver
     * @return this builder
     * @throws IllegalArgumentException if the name is blank, or the name or key is already used
     */
    public Builder approver(String name, Ed25519PublicKey key) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(key, "key");
      if (name.isBlank()) {
        throw new IllegalArgumentException("approver name must not be blank");
      }
      if (approvers.containsKey(name)) {
        throw new IllegalArgumentException("approver '" + name + "' is already configured");
      }
      for (Map.Entry<String, Ed25519PublicKey> e : approvers.entrySet()) {
        if (e.getValue().equals(key)) {
          throw new IllegalArgumentException(
              "approver '" + name + "' has the same key as approver '" + e.getKey() + "'");
        }
      }
      approvers.put(name, key);
      return this;
    }

    /**
     * Adds an approver whose public key is in a PEM (SPKI) file.
     *
     * @param name the approver's name, unique
     * @param publicKeyPem the PEM file
     * @return this builder
     * @throws dev.cutover.crypto.KeyFormatException if the file cannot be read or holds no Ed25519
     *     public key
     */
    public Builder approver(String name, Path publicKeyPem) {
      Objects.requireNonNull(publicKeyPem, "publicKeyPem");
      return approver(name, Ed25519PublicKey.read(publicKeyPem));
    }

    /**
     * Sets how many distinct approvers must approve (M).
     *
     * @param m at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     * @throws IllegalStateException if already set
     */
    public Builder required(int m) {
      if (m < 1) {
        throw new IllegalArgumentException("required approvals must be at least 1, got " + m);
      }
      if (required != 0) {
        throw new IllegalStateException("required approvals are already set");
      }
      required = m;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the policy
     * @throws IllegalStateException if no approver or no M was set, or M exceeds the number of
     *     approvers
     */
    public ApprovalPolicy build() {
      if (approvers.isEmpty()) {
        throw new IllegalStateException("an approval policy needs at least one approver");
      }
      if (required == 0) {
        throw new IllegalStateException("an approval policy needs required(m)");
      }
      if (required > approvers.size()) {
        throw new IllegalStateException(
            "required approvals " + required + " exceed the " + approvers.size() + " configured approvers");
      }
      return new ApprovalPolicy(this);
    }
  }

}
