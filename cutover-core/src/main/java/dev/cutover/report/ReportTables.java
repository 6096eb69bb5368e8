package dev.cutover.report;

import static dev.cutover.report.Fmt.esc;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** The report's tables: variance per task, gates, rollbacks, incidents, decisions and drills. */
final class ReportTables {
  private final ReportModel model;
  private final Fmt fmt;
  private final StringBuilder out;

  ReportTables(ReportModel model, Fmt fmt, StringBuilder out) {
    this.model = model;
    this.fmt = fmt;
    this.out = out;
  }

  private static String cls(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private String variance(Optional<Duration> d) {
    return d.map(v -> "<span class=\"" + Fmt.varianceClass(v) + "\">" + esc(Fmt.signed(v))
        + "</span>").orElse("\u2014");
  }

  void variance() {
    out.append("<section id=\"variance\"><h2>Tasks and variance</h2>\n")
        .append("<p>Variance is actual minus planned: positive is late or longer than planned, ")
        .append("negative is early or shorter.</p>\n")
        .append("<table class=\"variance\"><thead><tr><th>task</th><th>owner</th><th>kind</th>")
        .append("<th>status</th><th>planned</th><th>actual</th><th>planned duration</th>")
        .append("<th>actual duration</th><th>duration variance</th><th>start variance</th>")
        .append("<th>finish variance</th></tr></thead>\n<tbody>\n");
    for (ReportTask t : model.tasks()) {
      out.append("<tr data-task=\"").append(esc(t.id())).append("\"><td>")
          .append(t.critical() ? "<span class=\"badge critical\">critical</span>" : "")
          .append(t.irreversible() ? "<span class=\"badge irreversible\">irreversible</span>" : "")
          .append("<strong>").append(esc(t.id())).append("</strong>")
          .append(t.name().equals(t.id()) ? "" : "<br>" + esc(t.name()))
          .append("</td><td>").append(esc(t.owner())).append("</td><td>")
          .append(Fmt.lower(t.kind())).append("</td><td class=\"status-").append(cls(t.status()))
          .append("\">").append(Fmt.lower(t.status())).append("</td><td class=\"num\">")
          .append(fmt.time(model.plannedStartOf(t))).append("\u2013")
          .append(fmt.time(model.plannedFinishOf(t))).append("</td><td class=\"num\">")
          .append(t.actualStart().map(fmt::time).orElse("\u2014"))
          .append(t.actualStart().isPresent()
              ? "\u2013" + t.actualFinish().map(fmt::time).orElse("\u2026") : "")
          .append("</td><td class=\"num\">").append(Fmt.duration(t.plannedDuration()))
          .append("</td><td class=\"num\">")
          .append(t.actualDuration().map(Fmt::duration).orElse("\u2014"))
          .append("</td><td class=\"num\">").append(variance(t.durationVariance()))
          .append("</td><td class=\"num\">").append(variance(model.startVariance(t)))
          .append("</td><td class=\"num\">").append(variance(model.finishVariance(t)))
          .append("</td></tr>\n");
    }
    out.append("</tbody></table>\n");
    if (!model.criticalPath().isEmpty()) {
      out.append("<p><strong>Critical path:</strong> ");
      boolean first = true;
      for (ReportTask t : model.criticalPath()) {
        out.append(first ? "" : " \u2192 ").append(esc(t.id()));
        first = false;
      }
      out.append(". Drift at its end: ")
          .append(model.criticalPathDrift().map(d -> variance(Optional.of(d)))
              .orElse("not known, the path did not finish"))
          .append(".</p>\n");
    }
    out.append("</section>\n");
  }

  void gates() {
    out.append("<section id=\"gates\"><h2>Gates: decisions, evidence and approvers</h2>\n");
    if (model.gates().isEmpty()) {
      out.append("<p class=\"empty\">No gate was decided.</p>\n");
    }
    for (ReportGate g : model.gates()) {
      out.append("<div class=\"gate\" data-gate=\"").append(esc(g.id())).append("\"><h3>")
          .append(esc(g.id())).append(": <span class=\"decision-").append(cls(g.decision()))
          .append("\">").append(g.decision().name()).append("</span></h3>\n<p>")
          .append(g.decidedAt().map(t -> "Decided at " + fmt.time(t)).orElse("Not decided"))
          .append(g.decidedBy().isEmpty() ? "" : " by " + esc(g.decidedBy()))
          .append(g.quorum() == 0 ? ". No signatures required."
              : ". Quorum: " + g.countedApprovals() + " of " + g.quorum()
                  + " required signatures counted.")
          .append("</p>\n");
      if (!g.reason().isEmpty()) {
        out.append("<p class=\"reason\">").append(esc(g.reason())).append("</p>\n");
      }
      if (!g.criteria().isEmpty()) {
        out.append("<table class=\"criteria\"><thead><tr><th>criterion</th><th>outcome</th>")
            .append("<th>evidence</th></tr></thead><tbody>\n");
        for (GateCriterion c : g.criteria()) {
          out.append("<tr><td>").append(esc(c.name())).append("</td><td class=\"outcome-")
              .append(cls(c.outcome())).append("\">").append(c.outcome().name())
              .append("</td><td>").append(esc(c.evidence())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
      }
      if (!g.approvals().isEmpty()) {
        out.append("<table class=\"approvals\"><thead><tr><th>approver</th><th>signed</th>")
            .append("<th>counted</th><th>why not</th></tr></thead><tbody>\n");
        for (GateApproval a : g.approvals()) {
          out.append(a.counted() ? "<tr>" : "<tr class=\"refused\">").append("<td>")
              .append(esc(a.approver())).append("</td><td>").append(esc(a.decision()))
              .append("</td><td>").append(a.counted() ? "yes" : "no").append("</td><td>")
              .append(esc(a.reason())).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
      }
      if (!g.evidence().isEmpty()) {
        out.append("<details><summary>evidence as logged</summary><pre>")
            .append(esc(g.evidence())).append("</pre></details>\n");
      }
      out.append("</div>\n");
    }
    out.append("</section>\n");
  }

  void rollbacks() {
    out.append("<section id=\"rollbacks\"><h2>Rollbacks</h2>\n");
    if (model.rollbacks().isEmpty()) {
      out.append("<p class=\"empty\">No rollback.</p>\n");
    }
    int n = 0;
    for (ReportRollback r : model.rollbacks()) {
      out.append("<div class=\"gate rollback\"><h3>Rollback ").append(++n).append(": <span class=\"outcome-")
          .append(cls(r.outcome())).append("\">").append(Fmt.lower(r.outcome()))
          .append("</span></h3>\n<p>Started at ").append(fmt.time(r.startedAt())).append(" by ")
          .append(esc(r.actor())).append(", trigger: ").append(esc(r.trigger()))
          .append(r.finishedAt().map(f -> "; ended at " + fmt.time(f) + " after "
              + Fmt.duration(Duration.between(r.startedAt(), f))).orElse("; not ended"))
          .append(".</p>\n");
      if (!r.leftForPerson().isEmpty()) {
        out.append("<p class=\"status-failed\">Left for a person: ").append(esc(r.leftForPerson()))
            .append("</p>\n");
      }
      out.append("<table class=\"undo\"><thead><tr><th>#</th><th>task</th><th>method</th>")
          .append("<th>outcome</th><th>at</th><th>detail</th></tr></thead><tbody>\n");
      int i = 0;
      for (RollbackUndo u : r.undone()) {
        out.append("<tr><td class=\"num\">").append(++i).append("</td><td>").append(esc(u.taskId()))
            .append("</td><td>").append(esc(u.method())).append("</td><td class=\"outcome-")
            .append(cls(u.outcome())).append("\">").append(Fmt.lower(u.outcome()))
            .append("</td><td class=\"num\">").append(u.at().map(fmt::time).orElse("\u2014"))
            .append("</td><td>").append(esc(u.detail())).append("</td></tr>\n");
      }
      out.append("</tbody></table></div>\n");
    }
    out.append("</section>\n");
  }

  void incidents() {
    out.append("<section id=\"incidents\"><h2>Incidents</h2>\n");
    if (model.incidents().isEmpty()) {
      out.append("<p class=\"empty\">No incident.</p>\n</section>\n");
      return;
    }
    out.append("<table class=\"incidents\"><thead><tr><th>id</th><th>at</th><th>severity</th>")
        .append("<th>title</th><th>raised by</th><th>acknowledged</th><th>escalations</th></tr>")
        .append("</thead><tbody>\n");
    for (ReportIncident i : model.incidents()) {
      out.append("<tr><td>").append(esc(i.id())).append("</td><td class=\"num\">")
          .append(fmt.time(i.at())).append("</td><td>").append(esc(i.severity())).append("</td><td>")
          .append(esc(i.title())).append("</td><td>").append(esc(i.raisedBy()))
          .append("</td><td class=\"num\">").append(i.acknowledgedAt().map(fmt::time).orElse("no"))
          .append("</td><td>");
      if (i.escalations().isEmpty()) {
        out.append("\u2014");
      }
      for (IncidentEscalation e : i.escalations()) {
        out.append(fmt.time(e.at())).append(" by ").append(esc(e.by())).append(": ")
            .append(esc(e.reason())).append("<br>");
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }

  void notes() {
    out.append("<section id=\"decisions\"><h2>Decisions and notes</h2>\n");
    if (model.notes().isEmpty()) {
      out.append("<p class=\"empty\">No operator decision or note.</p>\n</section>\n");
      return;
    }
    out.append("<table class=\"notes\"><thead><tr><th>at</th><th>who</th><th>kind</th>")
        .append("<th>what</th></tr></thead><tbody>\n");
    for (ReportNote n : model.notes()) {
      out.append("<tr><td class=\"num\">").append(fmt.time(n.at())).append("</td><td>")
          .append(esc(n.actor())).append("</td><td>").append(esc(n.kind())).append("</td><td>")
          .append(esc(n.text())).append("</td></tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }

  void drills() {
    if (model.drills().isEmpty()) {
      return;
    }
    out.append("<section id=\"drills\"><h2>Rollback drills against the RTO</h2>\n")
        .append("<table class=\"drills\"><thead><tr><th>drill</th><th>measured recovery</th>")
        .append("<th>RTO</th><th>margin</th><th>within RTO</th><th>recovery per task</th>")
        .append("</tr></thead><tbody>\n");
    for (RecoveryDrill d : model.drills()) {
      out.append("<tr><td>").append(esc(d.name())).append("</td><td class=\"num\">")
          .append(Fmt.duration(d.measuredRecovery())).append("</td><td class=\"num\">")
          .append(Fmt.duration(d.rto())).append("</td><td class=\"num\">")
          .append(variance(Optional.of(d.measuredRecovery().minus(d.rto()))))
          .append("</td><td class=\"").append(d.withinRto() ? "status-completed\">yes"
              : d.recovered() ? "status-failed\">no, over" : "status-failed\">no, the rollback did not finish")
          .append("</td><td>");
      if (d.tasks().isEmpty()) {
        out.append("\u2014");
      }
      boolean first = true;
      for (TaskRecovery t : d.tasks()) {
        out.append(first ? "" : "<br>").append(esc(t.taskId())).append(" ")
            .append(Fmt.duration(t.recovery())).append(t.undone() ? "" : " (undo failed)");
        first = false;
      }
      out.append("</td></tr>\n");
    }
    out.append("</tbody></table>\n</section>\n");
  }
}
