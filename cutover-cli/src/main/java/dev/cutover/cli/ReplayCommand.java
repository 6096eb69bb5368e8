package dev.cutover.cli;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.engine.EngineMachine;
import dev.cutover.engine.EngineState;
import dev.cutover.engine.LoggedPlan;
import dev.cutover.plan.Plan;
import dev.cutover.plan.PlanValidationException;
import dev.cutover.replay.Divergence;
import dev.cutover.replay.LogReplayer;
import dev.cutover.replay.ReplayResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cutover replay LOG [--plan PLAN]}: verifies a cutover's audit log, checks the plan the run
 * used against the logged plan digest, replays the engine's state machine over the log under that
 * digest, checking the state digest (which every entry must carry) and the engine's invariants
 * after every entry, and prints the final status, the log size, its root and the final state
 * digest.
 *
 * <p>The plan is checked from the definition the engine logs in {@code run.started} and, if given,
 * from {@code --plan}. A log written before the engine logged its plan has no definition: without
 * {@code --plan} it still replays (every other check is made), and the output says plainly, and a
 * warning on standard error repeats, that the plan could not be checked. Exit 1 with the first
 * divergence if replay disagrees with the log, or the log, the logged plan or the plan file does
 * not match; 2 if the input is not a cutover log or the plan file is unreadable or invalid.
 */
@Command(
    name = "replay",
    header = "Replay the engine's state over LOG and check every state digest.",
    mixinStandardHelpOptions = true,
    description = {
      "Verify LOG and replay the cutover engine's state over it, checking the",
      "state digest and the engine's invariants after every entry. Prints the",
      "final status, size, root and state digest. The plan the run used is checked",
      "against the logged plan digest: the plan logged in run.started, and PLAN if",
      "given (for a log written before the engine logged its plan).",
      "Exit 0 if replay agrees with the log, 1 at the first divergence or a plan",
      "that does not match, 2 if LOG is not a cutover log or PLAN is not valid."
    })
final class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOG", description = "the JSON Lines audit log of a cutover run")
  Path log;

  @Option(
      names = "--plan",
      paramLabel = "PLAN",
      description = "the plan file the run was started with (JSON or YAML), checked against the"
          + " logged plan digest; needed to check the plan of a log whose run.started does not"
          + " carry it")
  Path planFile;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Plan given = planFile == null ? null : loadPlan();
    try (AuditLog audit = LogCommand.open(spec, log)) {
      if (audit.size() == 0) {
        throw new IllegalArgumentException("log " + log + " is empty: there is no cutover run to replay");
      }
      AuditEntry first = audit.entry(0);
      if (!first.type().equals("run.started")) {
        throw new IllegalArgumentException(
            "log " + log + " was not written by the cutover engine (entry 0 is '" + first.type()
                + "', expected 'run.started'); a host state machine's log is replayed with LogReplayer in the host");
      }
      String fingerprint =
          LogReplayer.fingerprint(audit)
              .orElseThrow(
                  () -> new IllegalArgumentException("entry 0 of " + log + " carries no plan fingerprint"));
      String planCheck = checkPlan(first, fingerprint, given);
      ReplayResult<EngineState> result =
          LogReplayer.of(EngineMachine.forPlan(fingerprint), EngineMachine.events()).replay(audit);
      EngineState state = result.state();
      if (result.divergence().isPresent()) {
        Divergence d = result.divergence().get();
        out.println("replayed: " + result.eventsApplied() + " of " + audit.size() + " entries");
        out.println("diverged at seq: " + d.seq());
        out.println("kind: " + d.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        if (d.expected() != null) {
          out.println("expected: " + d.expected());
        }
        if (d.actual() != null) {
          out.println("actual: " + d.actual());
        }
        out.flush();
        throw new Main.VerificationFailedException(
            "replay of " + log + " diverged at seq " + d.seq() + ": " + d.message());
      }
      out.println("status: " + state.status());
      out.println("plan: " + state.planId());
      out.println("plan digest: " + fingerprint);
      out.println("plan check: " + planCheck);
      out.println("size: " + audit.size());
      out.println("root: " + audit.root().hex());
      out.println("state: " + result.digest());
      out.println(
          "tasks: " + state.tasks().size() + " (" + state.applied() + " completed, " + state.undone()
              + " undone)");
      if (!state.rollbackReason().isEmpty()) {
        out.println("rollback: " + state.rollbackReason());
      }
      for (String m : state.manual()) {
        out.println("manual: " + m);
      }
      out.flush();
      return Main.OK;
    }
  }

  private Plan loadPlan() {
    try {
      return PlanCommand.load(planFile);
    } catch (PlanValidationException e) {
      throw new IllegalArgumentException(planFile + ": " + e.getMessage(), e);
    }
  }

  /**
   * Checks the plan the run used against the logged digest: the plan logged in run.started, if
   * there is one, and the plan file, if given. Returns what was checked, in words.
   */
  private String checkPlan(AuditEntry started, String fingerprint, Plan given) {
    Optional<Plan> logged;
    try {
      logged = LoggedPlan.of(started.data());
    } catch (IllegalArgumentException e) {
      throw new Main.VerificationFailedException(
          "replay of " + log + ": at seq " + started.seq() + ", " + e.getMessage());
    }
    if (given != null && !given.digest().equals(fingerprint)) {
      throw new Main.VerificationFailedException(
          "replay of " + log + ": plan file " + planFile + " (plan '" + given.id() + "') has digest "
              + given.digest() + " but the run was started with plan digest " + fingerprint
              + " (run.started, seq " + started.seq() + "): either it is not the plan the run used,"
              + " or the log was changed");
    }
    if (logged.isPresent()) {
      return "the plan logged in run.started has the logged digest"
          + (given == null ? "" : ", and so has plan file " + planFile);
    }
    if (given != null) {
      return "plan file " + planFile + " has the logged digest (run.started carries no plan"
          + " definition)";
    }
    String notChecked =
        "not done: run.started (seq " + started.seq() + ") carries no plan 'definition' (the log"
            + " was written by an engine that did not log its plan), so the plan the run used was"
            + " not checked against the logged digest; give it with --plan PLAN to check it";
    spec.commandLine().getErr().println("cutover: warning: " + log + ": plan check " + notChecked);
    spec.commandLine().getErr().flush();
    return notChecked;
  }
}
