package dev.cutover.replay;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A property that must hold for every state a {@link StateMachine} reaches, for example "the sum
 * of all balances equals the money issued". Replay checks every invariant after every event and
 * reports the first event after which one does not hold.
 *
 * <p>Implementations must be pure and thread-safe.
 *
 * @param <S> the state type
 */
public interface Invariant<S> {
  /**
   * Returns the invariant's name, as divergence reports show it.
   *
   * @return a short, stable name such as {@code total-balance-unchanged}
   */
  String name();

  /**
   * Tells whether the invariant holds for a state.
   *
   * @param state the state after an event
   * @return true if the invariant holds
   */
  boolean holds(S state);

  /**
   * Returns an invariant from a name and a predicate.
   *
   * @param name the invariant's name, not blank
   * @param predicate true for states where the invariant holds
   * @param <S> the state type
   * @return the invariant
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name is blank
   */
  static <S> Invariant<S> of(String name, Predicate<? super S> predicate) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(predicate, "predicate");
    if (name.isBlank()) {
      throw new IllegalArgumentException("invariant name must not be blank");
    }
    return new Invariant<>() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public boolean holds(S state) {
        return predicate.test(state);
      }

      @Override
      public String toString() {
        return "Invariant[" + name + "]";
      }
    };
  }
}
