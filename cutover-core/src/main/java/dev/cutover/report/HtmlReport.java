package dev.cutover.report;

import static dev.cutover.report.Fmt.esc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Objects;

/**
 * Renders a {@link ReportModel} into one self-contained HTML page: inline CSS, an inline SVG Gantt
 * chart of planned against actual times, and tables of variance, gates, rollbacks, incidents,
 * decisions and drills, with whether the log verified at the top.
 *
 * <p>The page loads nothing from anywhere: it has no external URL, and its Content Security Policy
 * forbids every fetch, so it can be archived and opened offline. Its one small inline script only
 * links chart rows to table rows on hover and marks the page as rendered ({@code data-ok} on
 * {@code <body>}); the page reads fully without it. Every string that comes from the log is
 * escaped. The same model always renders to the same bytes.
 *
 * <p>Stateless and thread-safe.
 */
public final class HtmlReport {
  // Kept tiny on purpose: hover links between chart and table, and a mark that it ran.
  static final String SCRIPT =
      "(function(){var d=document;"
          + "d.querySelectorAll('svg.gantt g.task').forEach(function(g){"
          + "var r=d.querySelector('tr[data-task=\"'+CSS.escape(g.getAttribute('data-task'))+'\"]');"
          + "if(!r)return;"
          + "g.addEventListener('mouseenter',function(){r.classList.add('hl');g.classList.add('hl');});"
          + "g.addEventListener('mouseleave',function(){r.classList.remove('hl');g.classList.remove('hl');});});"
          + "d.body.setAttribute('data-ok',d.querySelector('svg.gantt')?'true':'no-chart');})();";

  private HtmlReport() {}

  /**
   * Renders the model.
   *
   * @param model what to render
   * @return the complete HTML document
   * @throws NullPointerException if model is null
   */
  public static String render(ReportModel model) {
    Objects.requireNonNull(model, "model");
    Instant first = GanttSvg.instants(model).stream().min(Instant::compareTo).orElseThrow();
    Instant last = GanttSvg.instants(model).stream().max(Instant::compareTo).orElseThrow();
    boolean multiDay =
        !first.atZone(ZoneOffset.UTC).toLocalDate().equals(last.atZone(ZoneOffset.UTC).toLocalDate());
    Fmt fmt = new Fmt(multiDay);
    String css = ReportStyle.CSS;
    StringBuilder out = new StringBuilder(32_768);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
        .append("style-src '").append(sha256(css)).append("'; script-src '").append(sha256(SCRIPT))
        .append("'; base-uri 'none'; form-action 'none'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>Cutover report: ").append(esc(model.planId())).append("</title>\n")
        .append("<style>").append(css).append("</style>\n</head>\n<body>\n");
    header(out, model, fmt);
    out.append("<section id=\"timeline\"><h2>Timeline: planned against actual</h2>\n");
    if (model.tasks().isEmpty()) {
      out.append("<p class=\"empty\">The plan has no tasks.</p>\n");
    }
    new GanttSvg(model, fmt).render(out);
    GanttSvg.legend(out);
    out.append("</section>\n");
    ReportTables tables = new ReportTables(model, fmt, out);
    tables.variance();
    tables.gates();
    tables.rollbacks();
    tables.incidents();
    tables.notes();
    tables.drills();
    out.append("<footer>Rendered from the audit log of plan ").append(esc(model.planId()))
        .append(" (digest <code>").append(esc(model.planDigest())).append("</code>). All times UTC.")
        .append("</footer>\n");
    out.append("<script>").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void header(StringBuilder out, ReportModel model, Fmt fmt) {
    ReportVerification v = model.verification();
    out.append("<header>\n<h1>Cutover report: ").append(esc(model.planId())).append("</h1>\n")
        .append("<p class=\"digest\">plan digest <code>").append(esc(model.planDigest()))
        .append("</code></p>\n");
    if (v.ok()) {
      out.append("<div class=\"verification ok\" id=\"verification\" data-verified=\"true\">")
          .append("<strong>\u2714 Log verified</strong>: ").append(v.size())
          .append(" entries, Merkle root <code>").append(esc(v.root())).append("</code></div>\n");
    } else {
      out.append("<div class=\"verification failed\" id=\"verification\" data-verified=\"false\">")
          .append("<strong>\u2716 THE LOG DID NOT VERIFY</strong>: ")
          .append(v.failedSeq().isPresent() ? "entry " + v.failedSeq().getAsLong() + ": " : "")
          .append(esc(v.failure())).append(". The first ").append(v.size())
          .append(v.size() == 1 ? " entry verified" : " entries verified")
          .append(v.root().isEmpty() ? "" : ", with root <code>" + esc(v.root()) + "</code>")
          .append(". What follows is what the log says, and the log cannot be trusted.</div>\n");
    }
    out.append("<dl class=\"summary\">\n");
    card(out, "planned start", Fmt.full(model.plannedStart()));
    card(out, "planned end", fmt.time(model.plannedEnd()) + " (" + Fmt.duration(
        java.time.Duration.between(model.plannedStart(), model.plannedEnd())) + ")");
    card(out, "actual end", model.actualEnd().map(fmt::time).orElse("not finished"));
    card(out, "critical path drift", model.criticalPathDrift().map(Fmt::signed)
        .orElse(model.criticalPath().isEmpty() ? "no critical path" : "path not finished"));
    card(out, "point of no return", model.pointOfNoReturn()
        .map(t -> t.id() + (t.actualStart().isPresent() ? " at " + fmt.time(t.actualStart().get())
            : " (not reached)"))
        .orElse("none"));
    long completed = model.tasks().stream()
        .filter(t -> t.status() == ReportTask.Status.COMPLETED).count();
    card(out, "tasks completed", completed + " of " + model.tasks().size());
    card(out, "gates", model.gates().size() + "");
    card(out, "rollbacks", model.rollbacks().size() + "");
    card(out, "incidents", model.incidents().size() + "");
    out.append("</dl>\n</header>\n");
  }

  private static void card(StringBuilder out, String term, String value) {
    out.append("<div><dt>").append(esc(term)).append("</dt><dd>").append(esc(value))
        .append("</dd></div>\n");
  }

  /** The CSP source expression for an inline block with exactly this text. */
  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256-" + Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
