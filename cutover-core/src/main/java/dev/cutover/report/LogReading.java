package dev.cutover.report;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.AuditLogVerifier;
import dev.cutover.audit.LogStorageException;
import dev.cutover.audit.LogVerification;
import dev.cutover.audit.LogVerificationException;
import dev.cutover.json.CanonicalJson;
import dev.cutover.plan.Plan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads an audit log for the report: verified through the audit package, or leniently if not. */
final class LogReading {
  private LogReading() {}

  static ReportModel fromLog(AuditLog log, Plan plan) {
    List<RunEntry> entries = new ArrayList<>();
    log.read(0, log.size(), e -> entries.add(entry(e)));
    ReportVerification ok = ReportVerification.verified(log.size(), log.root().hex());
    return RunLogFold.fold(log.describe(), plan, entries, ok);
  }

  static ReportModel fromLog(Path file, Plan plan) {
    LogVerification failed;
    try (AuditLog log = AuditLog.readOnly(file)) {
      return fromLog(log, plan);
    } catch (LogVerificationException e) {
      // Opening refuses the whole file; the streaming verifier says how far it held, and its root.
      LogVerification detailed = AuditLogVerifier.verify(file);
      failed = detailed.ok() ? e.verification() : detailed;
    }
    LogVerification.Failure f = failed.firstFailure().orElseThrow();
    ReportVerification verification = ReportVerification.failed(
        failed.verifiedEntries(), failed.verifiedEntries() == 0 ? "" : failed.root().hex(),
        f.seq(), f.reason().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": "
            + f.message());
    return RunLogFold.fold(file.toString(), plan, lenient(file), verification);
  }

  /**
   * What a log that did not verify says: every line that is a JSON object with the entry fields,
   * whether or not its hash and chain hold. The report shows the failure above all of it.
   */
  private static List<RunEntry> lenient(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new LogStorageException(file.toString(), "cannot read the log: " + e.getMessage(), e);
    }
    List<RunEntry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      try {
        if (CanonicalJson.parse(lines.get(i)) instanceof Map<?, ?> m
            && m.get("time") instanceof String time
            && m.get("type") instanceof String type
            && m.get("actor") instanceof String actor
            && m.get("data") instanceof Map<?, ?> data) {
          long seq = m.get("seq") instanceof Number n ? n.longValue() : i;
          entries.add(new RunEntry(seq, Instant.parse(time), type, actor, strings(data)));
        }
      } catch (RuntimeException unreadable) {
        // A line that is not even an entry (a torn tail, garbage) says nothing to report.
      }
    }
    return entries;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> strings(Map<?, ?> data) {
    return (Map<String, Object>) data;
  }

  private static RunEntry entry(AuditEntry e) {
    return new RunEntry(e.seq(), e.time(), e.type(), e.actor(), e.data());
  }
}
