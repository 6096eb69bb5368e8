package dev.cutover.replay;

import dev.cutover.audit.AuditEntry;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.Hash;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Replays a state machine's events from an {@link AuditLog}: checks the definition fingerprint
 * logged at seq 0, then folds every entry, checking the recorded {@code state} digest and every
 * invariant after each. With {@link StateSnapshots}, it starts from the latest snapshot whose
 * bytes hash to the digest the log recorded at its seq, and falls back to the beginning (saying
 * so in the result's notes) when the snapshot is corrupt.
 *
 * <p>The log itself is verified (chain, hashes, canonical form) when it is opened; replay checks
 * what the entries mean. Immutable and thread-safe.
 *
 * @param <S> the state type
 * @param <E> the event type
 */
public final class LogReplayer<S, E> {
  /** The type of the definition entry a {@link StateRecorder} writes at seq 0. */
  public static final String STARTED = "state.started";

  private static final int PAGE = 8192;

  private final StateMachine<S, E> machine;
  private final EventCodec<E> codec;
  private final StateSnapshots snapshots;

  private LogReplayer(StateMachine<S, E> machine, EventCodec<E> codec, StateSnapshots snapshots) {
    this.machine = machine;
    this.codec = codec;
    this.snapshots = snapshots;
  }

  /**
   * Returns a replayer that starts from the beginning of the log.
   *
   * @param machine the state machine
   * @param codec the event codec
   * @param <S> the state type
   * @param <E> the event type
   * @return the replayer
   * @throws NullPointerException if an argument is null
   */
  public static <S, E> LogReplayer<S, E> of(StateMachine<S, E> machine, EventCodec<E> codec) {
    return new LogReplayer<>(
        Objects.requireNonNull(machine, "machine"), Objects.requireNonNull(codec, "codec"), null);
  }

  /**
   * Returns a replayer like this one that starts from the latest valid snapshot.
   *
   * @param snapshots the snapshot store
   * @return the replayer
   * @throws NullPointerException if snapshots is null
   */
  public LogReplayer<S, E> withSnapshots(StateSnapshots snapshots) {
    return new LogReplayer<>(machine, codec, Objects.requireNonNull(snapshots, "snapshots"));
  }

  /**
   * Returns the definition fingerprint a log was started under: the string member {@code
   * fingerprint} of the data of its entry at seq 0.
   *
   * @param log the log
   * @return the fingerprint, or empty for an empty log or one whose first entry has none
   */
  public static Optional<String> fingerprint(AuditLog log) {
    Objects.requireNonNull(log, "log");
    if (log.size() == 0) {
      return Optional.empty();
    }
    Object fp = log.entry(0).data().get("fingerprint");
    return fp instanceof String ? Optional.of((String) fp) : Optional.empty();
  }

  /**
   * Replays the whole log.
   *
   * @param log the log
   * @return the result, with the first divergence if there is one
   * @throws DefinitionMismatchException if the log was started under another fingerprint
   * @throws IllegalArgumentException if the log is empty or its first entry carries no
   *     fingerprint
   */
  public ReplayResult<S> replay(AuditLog log) {
    Objects.requireNonNull(log, "log");
    long size = log.size();
    String logged =
        fingerprint(log)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        size == 0
                            ? "log is empty: nothing to replay"
                            : "entry 0 of the log carries no definition fingerprint (data member 'fingerprint')"));
    if (!logged.equals(machine.fingerprint())) {
      throw new DefinitionMismatchException(logged, machine.fingerprint());
    }
    Lifted<S, E> lifted = new Lifted<>(machine);
    Replayer<S, Decoded<E>> replayer = Replayer.of(lifted);
    List<String> notes = new ArrayList<>();
    if (snapshots != null) {
      Optional<StateSnapshots.Snapshot> snap = snapshots.latest(size);
      if (snap.isPresent()) {
        long seq = snap.get().seq();
        Optional<Hash> recorded = log.entry(seq).state();
        String actual = StateDigest.of(snap.get().state());
        if (recorded.isPresent() && recorded.get().hex().equals(actual)) {
          try {
            S start = machine.codec().decode(snap.get().state());
            notes.add("started from the snapshot after seq " + seq);
            return replayer.replay(start, seq, new Pages<>(log, seq + 1, size, codec), notes);
          } catch (RuntimeException e) {
            notes.add("snapshot after seq " + seq + " does not decode (" + e.getMessage()
                + "): replaying from the beginning");
          }
        } else {
          notes.add(
              "snapshot after seq " + seq + " is corrupt (digest " + actual + ", the log recorded "
                  + recorded.map(Hash::hex).orElse("none") + "): replaying from the beginning");
        }
      }
    }
    return replayer.replay(machine.initial(), -1, new Pages<>(log, 0, size, codec), notes);
  }

  /** An entry decoded for replay: an event, nothing (not an event of this machine), or a failure. */
  record Decoded<E>(E event, RuntimeException failure) {}

  /** The machine over decoded entries: entries that are not its events leave the state as it is. */
  static final class Lifted<S, E> implements StateMachine<S, Decoded<E>> {
    private final StateMachine<S, E> machine;

    Lifted(StateMachine<S, E> machine) {
      this.machine = machine;
    }

    @Override
    public String fingerprint() {
      return machine.fingerprint();
    }

    @Override
    public S initial() {
      return machine.initial();
    }

    @Override
    public S apply(S state, Decoded<E> event) {
      if (event.failure() != null) {
        throw event.failure();
      }
      return event.event() == null ? state : machine.apply(state, event.event());
    }

    @Override
    public StateCodec<S> codec() {
      return machine.codec();
    }

    @Override
    public List<Invariant<S>> invariants() {
      return machine.invariants();
    }

    @Override
    public boolean requiresStateDigest(Decoded<E> event) {
      return event.event() != null && machine.requiresStateDigest(event.event());
    }
  }

  /** Reads the log page by page and decodes each entry. */
  static final class Pages<E> implements Iterator<Recorded<Decoded<E>>> {
    private final AuditLog log;
    private final long end;
    private final EventCodec<E> codec;
    private long next;
    private List<AuditEntry> page = List.of();
    private int index;

    Pages(AuditLog log, long from, long end, EventCodec<E> codec) {
      this.log = log;
      this.next = from;
      this.end = end;
      this.codec = codec;
    }

    @Override
    public boolean hasNext() {
      return index < page.size() || next < end;
    }

    @Override
    public Recorded<Decoded<E>> next() {
      if (index == page.size()) {
        if (next >= end) {
          throw new NoSuchElementException();
        }
        long to = Math.min(end, next + PAGE);
        page = log.entries(next, to);
        next = to;
        index = 0;
      }
      AuditEntry e = page.get(index++);
      Decoded<E> decoded;
      if (e.seq() == 0 && e.type().equals(STARTED)) {
        decoded = new Decoded<>(null, null);
      } else {
        try {
          decoded = new Decoded<>(codec.decode(e.type(), e.actor(), e.data()).orElse(null), null);
        } catch (RuntimeException ex) {
          decoded =
              new Decoded<>(
                  null,
                  new IllegalArgumentException(
                      "entry of type '" + e.type() + "' does not decode: " + ex.getMessage(), ex));
        }
      }
      return new Recorded<>(e.seq(), decoded, e.state().map(Hash::hex).orElse(null));
    }
  }
}
