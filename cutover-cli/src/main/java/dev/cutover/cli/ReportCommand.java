package dev.cutover.cli;

import dev.cutover.CutoverException;
import dev.cutover.audit.LogStorageException;
import dev.cutover.internal.IoErrors;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.PlanValidationException;
import dev.cutover.report.HtmlReport;
import dev.cutover.report.ReportModel;
import dev.cutover.report.ReportVerification;
import dev.cutover.report.UnreportableLogException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cutover report LOG --html OUT.html}: renders the audit log of a cutover run into one
 * self-contained HTML file, planned against actual.
 *
 * <p>The engine logs the whole plan (its canonical form and digest) in {@code run.started}, so the
 * log alone gives the planned times. {@code --plan FILE} is for logs whose {@code run.started}
 * does not carry the plan; a plan with another digest than the run's is refused. Exit status 0 when
 * the report is written from a log that verified; 1 when the log did not verify (the report is
 * still written, with the failure at its top); 2 for bad input, with a message naming the file.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Render the audit log of a cutover run as an HTML timeline, planned against actual.")
public final class ReportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOG", description = "the audit log of the run (JSON Lines)")
  Path log;

  @Option(
      names = "--plan",
      paramLabel = "PLAN",
      description = "the plan file the run was started with (JSON or YAML); only needed for a log"
          + " whose run.started does not carry the plan")
  Path planFile;

  @Option(names = "--html", required = true, paramLabel = "OUT.html", description = "where to write the report")
  Path html;

  /** Creates the command; picocli calls this. */
  public ReportCommand() {}

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Plan plan = null;
      try {
        if (planFile != null) {
          plan = PlanCommand.load(planFile);
        }
      } catch (PlanValidationException e) {
        err.println("cutover: " + planFile + ": invalid plan (" + e.getProblems().size()
            + (e.getProblems().size() == 1 ? " problem)" : " problems)"));
        for (PlanProblem p : e.getProblems()) {
          err.println(p);
        }
        return Main.BAD_INPUT;
      } catch (IllegalArgumentException e) {
        // the plan file itself could not be read; the message names it
        err.println("cutover: " + e.getMessage());
        return Main.BAD_INPUT;
      }
      if (!Files.isRegularFile(log)) {
        err.println("cutover: " + log + ": no such log file");
        return Main.BAD_INPUT;
      }
      ReportModel model;
      try {
        model = plan == null ? ReportModel.fromLog(log) : ReportModel.fromLog(log, plan);
      } catch (UnreportableLogException e) {
        err.println("cutover: " + e.getMessage());
        return Main.BAD_INPUT;
      } catch (LogStorageException e) {
        err.println("cutover: " + log + ": " + e.getMessage());
        return Main.BAD_INPUT;
      }
      try {
        write(HtmlReport.render(model));
      } catch (IOException e) {
        err.println("cutover: " + html + ": cannot write the report: " + IoErrors.reason(e));
        return Main.BAD_INPUT;
      }
      ReportVerification v = model.verification();
      out.println("wrote " + html + ": plan " + model.planId() + ", "
          + count(model.tasks().size(), "task") + ", " + count(model.gates().size(), "gate") + ", "
          + count(model.rollbacks().size(), "rollback") + ", "
          + count(model.incidents().size(), "incident"));
      if (!v.ok()) {
        err.println("cutover: " + log + ": the log did not verify: "
            + (v.failedSeq().isPresent() ? "entry " + v.failedSeq().getAsLong() + ": " : "")
            + v.failure() + "; the report shows this at its top");
        return Main.VERIFICATION_FAILED;
      }
      out.println("log verified: " + v.size() + " entries, root " + v.root());
      return Main.OK;
    } catch (CutoverException e) {
      err.println("cutover: " + e.getMessage());
      return Main.BAD_INPUT;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  /** Writes next to the target, then moves it in place, so a reader never sees half a report. */
  private void write(String page) throws IOException {
    Path target = html.toAbsolutePath();
    Path dir = target.getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      throw new IOException("no such directory " + dir);
    }
    Path tmp = Files.createTempFile(dir, ".report-", ".tmp");
    try {
      Files.writeString(tmp, page, StandardCharsets.UTF_8);
      try {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
