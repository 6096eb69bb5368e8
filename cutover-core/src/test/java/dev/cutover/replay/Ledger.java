package dev.cutover.replay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A host's state machine for tests: an account ledger whose transfers never change the total. */
final class Ledger implements StateMachine<Ledger.State, Ledger.Event> {
  record State(Map<String, Long> balances, long issued) {
    State {
      balances = Collections.unmodifiableMap(new TreeMap<>(balances));
    }

    long total() {
      return balances.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  sealed interface Event permits Deposit, Transfer {}

  record Deposit(String account, long amount) implements Event {}

  record Transfer(String from, String to, long amount) implements Event {}

  private final String fingerprint;
  private final long buggyAbove;

  /** A correct ledger. */
  Ledger() {
    this("ledger/v1", Long.MAX_VALUE);
  }

  /** A ledger whose transfers above a threshold credit one unit too many. */
  Ledger(String fingerprint, long buggyAbove) {
    this.fingerprint = fingerprint;
    this.buggyAbove = buggyAbove;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public State initial() {
    return new State(Map.of(), 0);
  }

  @Override
  public State apply(State s, Event e) {
    TreeMap<String, Long> b = new TreeMap<>(s.balances());
    if (e instanceof Deposit) {
      Deposit d = (Deposit) e;
      b.merge(d.account(), d.amount(), Long::sum);
      return new State(b, s.issued() + d.amount());
    }
    Transfer t = (Transfer) e;
    long have = b.getOrDefault(t.from(), 0L);
    if (have < t.amount()) {
      throw new IllegalArgumentException(
          "account '" + t.from() + "' holds " + have + ", cannot transfer " + t.amount());
    }
    b.put(t.from(), have - t.amount());
    b.merge(t.to(), t.amount() + (t.amount() > buggyAbove ? 1 : 0), Long::sum);
    return new State(b, s.issued());
  }

  @Override
  public StateCodec<State> codec() {
    return CODEC;
  }

  @Override
  public List<Invariant<State>> invariants() {
    return List.of(Invariant.of("transfers-never-change-the-total", s -> s.total() == s.issued()));
  }

  static final StateCodec<State> CODEC =
      new StateCodec<>() {
        @Override
        public byte[] encode(State s) {
          int n = 12;
          for (String k : s.balances().keySet()) {
            n += 4 + k.getBytes(StandardCharsets.UTF_8).length + 8;
          }
          ByteBuffer buf = ByteBuffer.allocate(n);
          buf.putLong(s.issued()).putInt(s.balances().size());
          for (Map.Entry<String, Long> e : s.balances().entrySet()) {
            byte[] k = e.getKey().getBytes(StandardCharsets.UTF_8);
            buf.putInt(k.length).put(k).putLong(e.getValue());
          }
          return buf.array();
        }

        @Override
        public State decode(byte[] bytes) {
          ByteBuffer buf = ByteBuffer.wrap(bytes);
          long issued = buf.getLong();
          int count = buf.getInt();
          TreeMap<String, Long> b = new TreeMap<>();
          for (int i = 0; i < count; i++) {
            byte[] k = new byte[buf.getInt()];
            buf.get(k);
            b.put(new String(k, StandardCharsets.UTF_8), buf.getLong());
          }
          if (buf.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes in ledger state");
          }
          return new State(b, issued);
        }
      };

  static final EventCodec<Event> EVENTS =
      new EventCodec<>() {
        @Override
        public String type(Event e) {
          return e instanceof Deposit ? "ledger.deposit" : "ledger.transfer";
        }

        @Override
        public Map<String, Object> data(Event e) {
          if (e instanceof Deposit) {
            Deposit d = (Deposit) e;
            return Map.of("account", d.account(), "amount", d.amount());
          }
          Transfer t = (Transfer) e;
          return Map.of("from", t.from(), "to", t.to(), "amount", t.amount());
        }

        @Override
        public Optional<Event> decode(String type, String actor, Map<String, Object> data) {
          switch (type) {
            case "ledger.deposit":
              return Optional.of(new Deposit((String) data.get("account"), ((Number) data.get("amount")).longValue()));
            case "ledger.transfer":
              return Optional.of(
                  new Transfer(
                      (String) data.get("from"), (String) data.get("to"), ((Number) data.get("amount")).longValue()));
            default:
              return Optional.empty();
          }
        }
      };
}
