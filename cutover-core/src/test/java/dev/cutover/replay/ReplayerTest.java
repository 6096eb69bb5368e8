package dev.cutover.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ReplayerTest {
  /** Records events with digests through the machine itself, the way a runtime would. */
  private static List<Recorded<Ledger.Event>> record(List<Ledger.Event> events) {
    Ledger ledger = new Ledger();
    Ledger.State s = ledger.initial();
    List<Recorded<Ledger.Event>> out = new ArrayList<>();
    for (Ledger.Event e : events) {
      s = ledger.apply(s, e);
      out.add(new Recorded<>(out.size(), e, StateDigest.of(Ledger.CODEC, s)));
    }
    return out;
  }

  private static List<Ledger.Event> deposits(List<Integer> amounts) {
    List<Ledger.Event> events = new ArrayList<>();
    for (int i = 0; i < amounts.size(); i++) {
      events.add(new Ledger.Deposit("acct-" + (i % 3), amounts.get(i)));
    }
    return events;
  }

  @Property(tries = 100)
  void replay_ofARecording_isConsistentAndReachesTheSameState(
      @ForAll @Size(min = 1, max = 60) List<@IntRange(min = 0, max = 1_000) Integer> amounts) {
    List<Recorded<Ledger.Event>> recorded = record(deposits(amounts));
    ReplayResult<Ledger.State> r = Replayer.of(new Ledger()).replay(recorded);
    assertThat(r.consistent()).isTrue();
    assertThat(r.digest()).isEqualTo(recorded.get(recorded.size() - 1).state());
    assertThat(r.state().issued()).isEqualTo(amounts.stream().mapToLong(Integer::longValue).sum());
  }

  @Property(tries = 100)
  void replay_reportsTheFirstChangedEvent(
      @ForAll @Size(min = 2, max = 60) List<@IntRange(min = 0, max = 1_000) Integer> amounts,
      @ForAll @IntRange(min = 0, max = 59) int at) {
    int index = at % amounts.size();
    List<Recorded<Ledger.Event>> recorded = new ArrayList<>(record(deposits(amounts)));
    Recorded<Ledger.Event> old = recorded.get(index);
    Ledger.Deposit d = (Ledger.Deposit) old.event();
    recorded.set(index, new Recorded<>(old.seq(), new Ledger.Deposit(d.account(), d.amount() + 1), old.state()));
    ReplayResult<Ledger.State> r = Replayer.of(new Ledger()).replay(recorded);
    assertThat(r.divergence()).isPresent();
    assertThat(r.divergence().get().seq()).isEqualTo(index);
    assertThat(r.divergence().get().kind()).isEqualTo(Divergence.Kind.STATE_DIGEST);
  }

  @Property(tries = 50)
  void codec_roundTrips(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 1_000_000) Integer> amounts) {
    Ledger ledger = new Ledger();
    Ledger.State s = ledger.initial();
    for (Ledger.Event e : deposits(amounts)) {
      s = ledger.apply(s, e);
    }
    byte[] bytes = Ledger.CODEC.encode(s);
    assertThat(Ledger.CODEC.encode(Ledger.CODEC.decode(bytes))).isEqualTo(bytes);
  }

  @org.junit.jupiter.api.Test
  void replay_reportsARefusedTransition() {
    List<Recorded<Ledger.Event>> recorded =
        List.of(new Recorded<>(0, new Ledger.Transfer("a", "b", 5), null));
    Divergence d = Replayer.of(new Ledger()).replay(recorded).divergence().orElseThrow();
    assertThat(d.kind()).isEqualTo(Divergence.Kind.TRANSITION);
    assertThat(d.message()).contains("account 'a' holds 0, cannot transfer 5");
  }
}
