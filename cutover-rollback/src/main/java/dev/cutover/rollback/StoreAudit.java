package dev.cutover.rollback;

import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what a store does into an audit log, with who and why: every snapshot, restore, refusal,
 * failed verification, release and discarded leftover. Entries are appended before the listener
 * hears of the event, and a restore's {@code snapshot.restore.started} before the scope changes.
 * Thread-safe, as the audit log is.
 *
 * <p>The vocabulary, all with {@code snapshot} (id) and {@code scope}:
 *
 * <ul>
 *   <li>{@code snapshot.captured} (actor: who took it): {@code production}, {@code content_digest},
 *       {@code archive_digest}, {@code size_bytes}, {@code cutover}, {@code task}, {@code
 *       expires};
 *   <li>{@code snapshot.restore.started} (actor: the principal): {@code reason}, {@code
 *       authorization} (why the authorizer granted it), {@code approvals} (how many were
 *       presented), {@code content_digest};
 *   <li>{@code snapshot.restored}: the same, with the verified {@code digest}, {@code started} and
 *       {@code finished};
 *   <li>{@code snapshot.restore.refused}: {@code reason}, {@code refusal} (unauthorized,
 *       window_closed, tampered, unknown_snapshot, scope_mismatch) and {@code detail};
 *   <li>{@code snapshot.restore.failed}: {@code reason}, {@code expected} and {@code actual}
 *       digests;
 *   <li>{@code snapshot.released} (actor: the store): {@code reason} (the window that closed);
 *   <li>{@code snapshot.discarded} (actor: the store): {@code what} was removed and {@code reason}.
 * </ul>
 */
final class StoreAudit {
  static final String STORE_ACTOR = "snapshot-store";

  private final AuditLog log;

  /** An audit of a store; with a null log, the store writes nothing and this does nothing. */
  StoreAudit(AuditLog log) {
    this.log = log;
  }

  void captured(SnapshotRef ref) {
    Map<String, Object> d = base(ref);
    d.put("production", ref.metadata().production());
    d.put("content_digest", ref.contentDigest());
    d.put("archive_digest", ref.archiveDigest());
    d.put("size_bytes", ref.metadata().sizeBytes());
    d.put("cutover", ref.metadata().cutoverId());
    d.put("task", ref.metadata().taskId());
    d.put("expires", ref.metadata().expiresAt().toString());
    append("snapshot.captured", ref.metadata().principal(), d);
  }

  void restoreStarted(SnapshotRef ref, Authorization auth, AuthorizationDecision decision) {
    append("snapshot.restore.started", auth.principal(), granted(ref, auth, decision));
  }

  void restored(RestoreReport report, Authorization auth, AuthorizationDecision decision) {
    Map<String, Object> d = granted(report.snapshot(), auth, decision);
    d.put("digest", report.verifiedDigest());
    d.put("verified", true);
    d.put("started", report.startedAt().toString());
    d.put("finished", report.finishedAt().toString());
    append("snapshot.restored", auth.principal(), d);
  }

  void refused(RestoreRefusal refusal, Authorization auth) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("snapshot", refusal.snapshotId());
    d.put("scope", refusal.scope());
    d.put("reason", auth.reason());
    d.put("approvals", auth.approvals().size());
    d.put("refusal", refusal.reason().name().toLowerCase(Locale.ROOT));
    d.put("detail", refusal.detail());
    append("snapshot.restore.refused", auth.principal(), d);
  }

  void failed(SnapshotRef ref, Authorization auth, String actual) {
    Map<String, Object> d = base(ref);
    d.put("reason", auth.reason());
    d.put("expected", ref.contentDigest());
    d.put("actual", actual);
    append("snapshot.restore.failed", auth.principal(), d);
  }

  void released(SnapshotRef ref, Instant at) {
    Map<String, Object> d = base(ref);
    d.put("reason", "its rollback window closed at " + ref.metadata().expiresAt() + " (released at " + at + ")");
    append("snapshot.released", STORE_ACTOR, d);
  }

  void discarded(String what) {
    append("snapshot.discarded", STORE_ACTOR, Map.of("what", what,
        "reason", "left behind by a snapshot that was never committed (the process stopped while writing it)"));
  }

  private static Map<String, Object> granted(
      SnapshotRef ref, Authorization auth, AuthorizationDecision decision) {
    Map<String, Object> d = base(ref);
    d.put("reason", auth.reason());
    d.put("authorization", decision.reason());
    d.put("approvals", auth.approvals().size());
    d.put("content_digest", ref.contentDigest());
    return d;
  }

  private static Map<String, Object> base(SnapshotRef ref) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("snapshot", ref.id());
    d.put("scope", ref.scope());
    return d;
  }

  private void append(String type, String actor, Map<String, Object> data) {
    if (log != null) {
      log.append(AuditEvent.of(type, actor, data));
    }
  }
}
