package dev.cutover.docs.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.audit.AuditLog;
import dev.cutover.engine.Engine;
import dev.cutover.engine.EngineListener;
import dev.cutover.engine.RollbackDecision;
import dev.cutover.engine.RunResult;
import dev.cutover.engine.RunStatus;
import dev.cutover.engine.spi.RollbackRequest;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import dev.cutover.engine.spi.Verification;
import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Task;
import dev.cutover.plan.TaskKind;
import dev.cutover.replay.EventCodec;
import dev.cutover.replay.Invariant;
import dev.cutover.replay.LogReplayer;
import dev.cutover.replay.ReplayResult;
import dev.cutover.replay.StateCodec;
import dev.cutover.replay.StateMachine;
import dev.cutover.replay.StateRecorder;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples in docs/engine.md; each region between tag markers is copied there verbatim. */
class EngineSnippetsTest {
  @TempDir Path dir;

  // tag::machine[]
  /** Two accounts; a transfer moves money and never changes the total. */
  record Accounts(long a, long b) {}

  record Transfer(long amount) {}

  static final class AccountsMachine implements StateMachine<Accounts, Transfer> {
    @Override
    public String fingerprint() {
      return "accounts/v1"; // change it whenever apply() changes meaning
    }

    @Override
    public Accounts initial() {
      return new Accounts(100, 0);
    }

    @Override
    public Accounts apply(Accounts s, Transfer t) {
      return new Accounts(s.a() - t.amount(), s.b() + t.amount());
    }

    @Override
    public StateCodec<Accounts> codec() {
      return new StateCodec<>() {
        @Override
        public byte[] encode(Accounts s) {
          return ByteBuffer.allocate(16).putLong(s.a()).putLong(s.b()).array();
        }

        @Override
        public Accounts decode(byte[] bytes) {
          ByteBuffer buf = ByteBuffer.wrap(bytes);
          return new Accounts(buf.getLong(), buf.getLong());
        }
      };
    }

    @Override
    public List<Invariant<Accounts>> invariants() {
      return List.of(Invariant.of("total-is-100", s -> s.a() + s.b() == 100));
    }
  }

  static final EventCodec<Transfer> TRANSFERS =
      new EventCodec<>() {
        @Override
        public String type(Transfer t) {
          return "accounts.transfer";
        }

        @Override
        public Map<String, Object> data(Transfer t) {
          return Map.of("amount", t.amount());
        }

        @Override
        public Optional<Transfer> decode(String type, String actor, Map<String, Object> data) {
          return Optional.of(new Transfer(((Number) data.get("amount")).longValue()));
        }
      };
  // end::machine[]

  @Test
  void recordAndReplay() {
    Path file = dir.resolve("accounts.log");
    // tag::record[]
    try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
      StateRecorder<Accounts, Transfer> recorder =
          StateRecorder.open(log, new AccountsMachine(), TRANSFERS, "accounts-service");
      recorder.record(new Transfer(30));
      recorder.record(new Transfer(5));
    }
    try (AuditLog log = AuditLog.readOnly(file)) {
      ReplayResult<Accounts> replay = LogReplayer.of(new AccountsMachine(), TRANSFERS).replay(log);
      assertThat(replay.consistent()).isTrue();
      assertThat(replay.state()).isEqualTo(new Accounts(65, 35));
    }
    // end::record[]
  }

  // tag::action[]
  /** Adds a column; its effect is visible in the schema, so isApplied asks the schema. */
  static final class AddColumn implements TaskAction {
    private final Set<String> schema; // stands in for the database

    AddColumn(Set<String> schema) {
      this.schema = schema;
    }

    @Override
    public Map<String, Object> apply(TaskContext context) {
      schema.add("accounts.currency");
      return Map.of("column", "accounts.currency");
    }

    @Override
    public boolean isApplied(TaskContext context) {
      return schema.contains("accounts.currency");
    }

    @Override
    public Verification verify(TaskContext context) {
      return isApplied(context)
          ? Verification.passed(Map.of("column", true))
          : Verification.failed("column accounts.currency is missing", Map.of());
    }

    @Override
    public Undo undo() {
      return Undo.inverse(ctx -> Map.of("dropped", schema.remove("accounts.currency")));
    }
  }
  // end::action[]

  static Plan plan() {
    // tag::plan[]
    return Plan.builder("add-currency")
        .task(Task.builder("add-column").duration(Duration.ofMinutes(2)).build())
        .task(Task.builder("backfill").duration(Duration.ofMinutes(20)).after("add-column").build())
        .task(
            Task.builder("error-rate")
                .kind(TaskKind.GATE)
                .duration(Duration.ofMinutes(5))
                .after("backfill")
                .build())
        .build();
    // end::plan[]
  }

  static TaskAction backfill(Set<String> schema) {
    return new TaskAction() {
      @Override
      public Map<String, Object> apply(TaskContext context) {
        schema.add("backfilled");
        return Map.of("rows", 1_204L);
      }

      @Override
      public boolean isApplied(TaskContext context) {
        return schema.contains("backfilled");
      }

      @Override
      public Undo undo() {
        return Undo.inverse(ctx -> Map.of("cleared", schema.remove("backfilled")));
      }
    };
  }

  @Test
  void runResumeAndRollBack() {
    Set<String> schema = ConcurrentHashMap.newKeySet();
    Path file = dir.resolve("cutover.log");
    // tag::run[]
    try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
      Engine engine =
          Engine.builder()
              .plan(plan())
              .log(log)
              .action("add-column", new AddColumn(schema))
              .action("backfill", backfill(schema))
              .gate(
                  "error-rate",
                  gate -> new GateResult(gate, GateDecision.GO, "0.1% < 1%", Clock.systemUTC().instant(), Map.of()))
              .parallelism(4)
              .listener(
                  new EngineListener() {
                    @Override
                    public void onProgress(long completed, int total) {
                      System.out.printf("%d/%d%n", completed, total);
                    }
                  })
              .build();
      RunResult result = engine.run();
      assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    }
    // end::run[]

    // tag::resume[]
    try (AuditLog log = AuditLog.open(file, Clock.systemUTC())) {
      Engine again =
          Engine.builder()
              .plan(plan())
              .log(log)
              .action("add-column", new AddColumn(schema))
              .action("backfill", backfill(schema))
              .rollbackAuthorizer(
                  (request, planDigest, logSize) ->
                      Long.valueOf(2).equals(request.authorization().get("approvals"))
                          ? Optional.empty()
                          : Optional.of("two approvals with decision ROLLBACK are required"))
              .rollbackWindow(Duration.ofHours(4))
              .build();
      assertThat(again.run().status()).isEqualTo(RunStatus.SUCCEEDED); // finished: a no-op

      RollbackDecision decision =
          again.requestRollback(
              new RollbackRequest("alice", "support sees wrong totals", Map.of("approvals", 2L)));
      assertThat(decision.accepted()).isTrue();
      assertThat(again.run().status()).isEqualTo(RunStatus.ROLLED_BACK);
    }
    // end::resume[]
    assertThat(schema).isEmpty();
  }
}
