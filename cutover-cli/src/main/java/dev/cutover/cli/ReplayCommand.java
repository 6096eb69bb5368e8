package dev.cutover.cli;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.engine.EngineMachine;
import dev.cutover.engine.EngineState;
import dev.cutover.engine.LoggedPlan;
import dev.cutover.replay.Divergence;
import dev.cutover.replay.LogReplayer;
import dev.cutover.replay.ReplayResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cutover replay LOG}: verifies a cutover's audit log, checks that the plan logged at start
 * has the logged plan digest, replays the engine's state machine over the log under that digest,
 * checking the state digest (which every entry must carry) and the engine's invariants after
 * every entry, and prints the final status, the log size, its root and the final state digest.
 * Exit 1 with the first divergence if replay disagrees with the log (or the log or its plan does
 * not verify), 2 if the input is not a cutover log.
 */
@Command(
    name = "replay",
    header = "Replay the engine's state over LOG and check every state digest.",
    mixinStandardHelpOptions = true,
    description = {
      "Verify LOG and replay the cutover engine's state over it, checking the state digest and the",
      "engine's invariants after every entry. Prints the final status, size, root and state digest.",
      "Exit 0 if replay agrees with the log, 1 at the first divergence, 2 if LOG is not a cutover log."
    })
final class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOG", description = "the JSON Lines audit log of a cutover run")
  Path log;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
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
      checkLoggedPlan(first);
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

  /** The plan logged in run.started must be the one its fingerprint names, as the report checks. */
  private void checkLoggedPlan(AuditEntry started) {
    try {
      if (LoggedPlan.of(started.data()).isEmpty()) {
        throw new Main.VerificationFailedException(
            "replay of " + log + ": run.started (seq " + started.seq()
                + ") carries no plan 'definition', so the plan the run used cannot be checked");
      }
    } catch (IllegalArgumentException e) {
      throw new Main.VerificationFailedException(
          "replay of " + log + ": at seq " + started.seq() + ", " + e.getMessage());
    }
  }
}
