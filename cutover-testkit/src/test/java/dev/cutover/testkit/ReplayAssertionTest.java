package dev.cutover.testkit;

import static dev.cutover.testkit.CutoverAssertions.assertReplayDeterministic;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.audit.AuditLog;
import dev.cutover.replay.EventCodec;
import dev.cutover.replay.StateCodec;
import dev.cutover.replay.StateMachine;
import dev.cutover.replay.StateRecorder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@CutoverTest
class ReplayAssertionTest {
  /** Balances as text; deterministic. */
  static class Ledger implements StateMachine<String, Long> {
    @Override
    public String fingerprint() {
      return "ledger-v1";
    }

    @Override
    public String initial() {
      return "0";
    }

    @Override
    public String apply(String state, Long amount) {
      return Long.toString(Long.parseLong(state.split("@")[0]) + amount);
    }

    @Override
    public StateCodec<String> codec() {
      return TEXT;
    }
  }

  /** Stamps every state with the wall clock: the classic non-deterministic transition. */
  static final class WallClockLedger extends Ledger {
    @Override
    public String fingerprint() {
      return "wall-clock-ledger-v1";
    }

    @Override
    public String apply(String state, Long amount) {
      return super.apply(state, amount) + "@" + System.currentTimeMillis();
    }
  }

  static final StateCodec<String> TEXT = new StateCodec<>() {
    @Override
    public byte[] encode(String state) {
      return state.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String decode(byte[] bytes) {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  };

  static final EventCodec<Long> AMOUNTS = new EventCodec<>() {
    @Override
    public String type(Long event) {
      return "amount.added";
    }

    @Override
    public Map<String, Object> data(Long event) {
      return Map.of("amount", event);
    }

    @Override
    public Optional<Long> decode(String type, String actor, Map<String, Object> data) {
      return Optional.of(((Number) data.get("amount")).longValue());
    }
  };

  @Test
  void assertReplayDeterministic_passesOnAPureStateMachine() {
    assertThatCode(() -> assertReplayDeterministic(new Ledger(), List.of(5L, -2L, 40L)))
        .doesNotThrowAnyException();
  }

  @Test
  void assertReplayDeterministic_failsOnAStateMachineThatReadsTheWallClock() {
    assertThatThrownBy(() -> assertReplayDeterministic(new WallClockLedger(), List.of(5L, -2L, 40L)))
        .isInstanceOf(CutoverAssertionError.class)
        .hasMessageStartingWith("state machine 'wall-clock-ledger-v1' does not replay deterministically:"
            + " at event 0 (5) ")
        .hasMessageContaining("read a clock");
  }

  @Test
  void assertReplayDeterministic_overALog_passesOnAPureStateMachine(AuditLog log) {
    StateRecorder<String, Long> recorder = StateRecorder.open(log, new Ledger(), AMOUNTS, "test");
    recorder.record(5L);
    recorder.record(7L);
    assertThatCode(() -> assertReplayDeterministic(log, new Ledger(), AMOUNTS)).doesNotThrowAnyException();
  }

  @Test
  void assertReplayDeterministic_overALog_failsOnAStateMachineThatReadsTheWallClock(AuditLog log) {
    StateRecorder<String, Long> recorder = StateRecorder.open(log, new WallClockLedger(), AMOUNTS, "test");
    recorder.record(5L);
    recorder.record(7L);
    assertThatThrownBy(() -> assertReplayDeterministic(log, new WallClockLedger(), AMOUNTS))
        .isInstanceOf(CutoverAssertionError.class)
        .hasMessageContaining("does not replay under state machine 'wall-clock-ledger-v1': at seq ");
  }
}
