package dev.cutover.benchmarks.replay;

import dev.cutover.replay.EventCodec;
import dev.cutover.replay.Invariant;
import dev.cutover.replay.StateCodec;
import dev.cutover.replay.StateMachine;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The simple state machine the replay benchmarks fold: a count and a running sum of amounts, with
 * a 16-byte canonical form and one invariant.
 */
final class Counter implements StateMachine<Counter.State, Long> {
  record State(long count, long sum) {}

  static final Counter INSTANCE = new Counter();

  static final StateCodec<State> CODEC =
      new StateCodec<>() {
        @Override
        public byte[] encode(State s) {
          return ByteBuffer.allocate(16).putLong(s.count()).putLong(s.sum()).array();
        }

        @Override
        public State decode(byte[] bytes) {
          ByteBuffer b = ByteBuffer.wrap(bytes);
          return new State(b.getLong(), b.getLong());
        }
      };

  static final EventCodec<Long> EVENTS =
      new EventCodec<>() {
        @Override
        public String type(Long amount) {
          return "counter.add";
        }

        @Override
        public Map<String, Object> data(Long amount) {
          return Map.of("amount", amount);
        }

        @Override
        public Optional<Long> decode(String type, String actor, Map<String, Object> data) {
          return type.equals("counter.add")
              ? Optional.of(((Number) data.get("amount")).longValue())
              : Optional.empty();
        }
      };

  private static final List<Invariant<State>> INVARIANTS =
      List.of(Invariant.of("sum-not-negative", s -> s.sum() >= 0));

  @Override
  public String fingerprint() {
    return "counter/v1";
  }

  @Override
  public State initial() {
    return new State(0, 0);
  }

  @Override
  public State apply(State s, Long amount) {
    return new State(s.count() + 1, s.sum() + amount);
  }

  @Override
  public StateCodec<State> codec() {
    return CODEC;
  }

  @Override
  public List<Invariant<State>> invariants() {
    return INVARIANTS;
  }
}
