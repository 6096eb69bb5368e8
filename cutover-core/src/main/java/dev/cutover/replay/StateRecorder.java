package dev.cutover.replay;

import dev.cutover.audit.AuditEvent;
import dev.cutover.audit.AuditLog;
import dev.cutover.audit.Hash;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a host's state machine over an {@link AuditLog}: every event is applied, checked against
 * the invariants, and appended with the digest of the state after it; every {@code
 * snapshotEvery} events the state is snapshotted. Opened on an empty log it writes a {@code
 * state.started} entry with the machine's fingerprint; opened on a log that has one it replays
 * it (refusing another fingerprint) and continues. Thread-safe: {@link #record} is serialised.
 *
 * @param <S> the state type
 * @param <E> the event type
 */
public final class StateRecorder<S, E> {
  private final StateMachine<S, E> machine;
  private final EventCodec<E> codec;
  private final AuditLog log;
  private final String actor;
  private final StateSnapshots snapshots;
  private final int snapshotEvery;
  private S state;
  private long sinceSnapshot;

  private StateRecorder(
      StateMachine<S, E> machine,
      EventCodec<E> codec,
      AuditLog log,
      String actor,
      StateSnapshots snapshots,
      int snapshotEvery) {
    this.machine = machine;
    this.codec = codec;
    this.log = log;
    this.actor = actor;
    this.snapshots = snapshots;
    this.snapshotEvery = snapshotEvery;
  }

  /**
   * Opens a recorder without snapshots.
   *
   * @param log the audit log
   * @param machine the state machine
   * @param codec the event codec
   * @param actor the actor of the entries it writes
   * @param <S> the state type
   * @param <E> the event type
   * @return the recorder, at the state the log holds
   * @throws DefinitionMismatchException if the log was started under another fingerprint
   * @throws ReplayDivergenceException if the log does not replay
   */
  public static <S, E> StateRecorder<S, E> open(
      AuditLog log, StateMachine<S, E> machine, EventCodec<E> codec, String actor) {
    return open(log, machine, codec, actor, null, 0);
  }

  /**
   * Opens a recorder that snapshots the state every {@code every} events.
   *
   * @param log the audit log
   * @param machine the state machine
   * @param codec the event codec
   * @param actor the actor of the entries it writes
   * @param snapshots where snapshots go, or null for none
   * @param every events between snapshots, positive when snapshots are given
   * @param <S> the state type
   * @param <E> the event type
   * @return the recorder, at the state the log holds
   * @throws DefinitionMismatchException if the log was started under another fingerprint
   * @throws ReplayDivergenceException if the log does not replay
   */
  public static <S, E> StateRecorder<S, E> open(
      AuditLog log,
      StateMachine<S, E> machine,
      EventCodec<E> codec,
      String actor,
      StateSnapshots snapshots,
      int every) {
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(codec, "codec");
    Objects.requireNonNull(actor, "actor");
    if (actor.isBlank()) {
      throw new IllegalArgumentException("actor must not be blank");
    }
    if (snapshots != null && every <= 0) {
      throw new IllegalArgumentException("snapshot interval must be positive, got " + every);
    }
    StateRecorder<S, E> r = new StateRecorder<>(machine, codec, log, actor, snapshots, every);
    if (log.size() == 0) {
      r.state = machine.initial();
      log.append(
          AuditEvent.of(LogReplayer.STARTED, actor, Map.of("fingerprint", machine.fingerprint()))
              .withState(Hash.fromHex(StateDigest.of(machine.codec(), r.state))));
    } else {
      LogReplayer<S, E> replayer = LogReplayer.of(machine, codec);
      if (snapshots != null) {
        replayer = replayer.withSnapshots(snapshots);
      }
      r.state = replayer.replay(log).stateOrThrow();
    }
    return r;
  }

  /**
   * Applies an event and appends it with the digest of the new state.
   *
   * @param event the event
   * @return the state after it
   * @throws InvariantViolationException if the new state would break an invariant; nothing is
   *     appended and the state is unchanged
   * @throws RuntimeException what the transition function throws for an invalid event; nothing is
   *     appended
   */
  public synchronized S record(E event) {
    Objects.requireNonNull(event, "event");
    S next = Objects.requireNonNull(machine.apply(state, event), "apply returned null");
    for (Invariant<S> invariant : machine.invariants()) {
      if (!invariant.holds(next)) {
        throw new InvariantViolationException(invariant.name(), codec.type(event));
      }
    }
    byte[] bytes = machine.codec().encode(next);
    String digest = StateDigest.of(bytes);
    long seq =
        log.append(AuditEvent.of(codec.type(event), actor, codec.data(event)).withState(Hash.fromHex(digest)))
            .seq();
    state = next;
    if (snapshots != null && ++sinceSnapshot >= snapshotEvery) {
      snapshots.put(seq, bytes);
      sinceSnapshot = 0;
    }
    return next;
  }

  /**
   * Returns the current state.
   *
   * @return the state after the last recorded event
   */
  public synchronized S state() {
    return state;
  }

  /**
   * Returns the digest of the current state.
   *
   * @return 64 lower-case hex digits
   */
  public synchronized String digest() {
    return StateDigest.of(machine.codec(), state);
  }
}
