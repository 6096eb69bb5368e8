package dev.cutover.migration.movement;

/**
 * The host's write freeze for the final sync of a {@link TrickleSync}: stop writes to the source,
 * run the final sync, then resume writes (also when the sync fails).
 */
@FunctionalInterface
public interface WriteFreeze {
  /**
   * Freezes writes to the source, runs {@code finalSync}, and unfreezes.
   *
   * @param finalSync copies the last changes; runs while writes are frozen
   */
  void during(Runnable finalSync);
}
