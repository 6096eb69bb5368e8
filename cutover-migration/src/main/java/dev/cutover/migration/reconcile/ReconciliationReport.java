package dev.cutover.migration.reconcile;

import dev.cutover.migration.Evidence;
import java.util.List;
import java.util.Map;

/**
 * What a reconciliation found (and, for a repair, changed). The key lists are bounded; the counts
 * are exact. A repair's report describes the target as it was found, so its {@link #matched()} is
 * false when there was anything to repair; {@link #repaired()} tells whether every difference was
 * repaired, and a {@link Reconciler#compare()} afterwards confirms the target now matches.
 *
 * @param sourceRows rows in the source
 * @param targetRows rows in the target before any repair
 * @param missingCount keys in the source but not in the target
 * @param extraCount keys in the target but not in the source
 * @param differentCount keys in both whose rows differ
 * @param missing the first missing keys, in key order
 * @param extra the first extra keys
 * @param different the first different keys
 * @param repairs the first repairs made (empty for a comparison)
 * @param repairCount how many repairs were made
 */
public record ReconciliationReport(
    long sourceRows,
    long targetRows,
    long missingCount,
    long extraCount,
    long differentCount,
    List<Long> missing,
    List<Long> extra,
    List<Long> different,
    List<Repair> repairs,
    long repairCount) {
  /** Copies the lists. */
  public ReconciliationReport {
    missing = List.copyOf(missing);
    extra = List.copyOf(extra);
    different = List.copyOf(different);
    repairs = List.copyOf(repairs);
  }

  /** True when source and target had the same keys and rows (before any repair). */
  public boolean matched() {
    return missingCount == 0 && extraCount == 0 && differentCount == 0;
  }

  /**
   * True when every difference found was repaired: one repair per missing, extra and different
   * key. Always true for a comparison that matched.
   *
   * @return whether the target was left matching the source as read
   */
  public boolean repaired() {
    return repairCount == missingCount + extraCount + differentCount;
  }

  /** The report as evidence for the log. */
  public Map<String, Object> evidence() {
    return Evidence.of("sourceRows", sourceRows, "targetRows", targetRows,
        "missing", missingCount, "extra", extraCount, "different", differentCount,
        "missingKeys", List.copyOf(missing), "extraKeys", List.copyOf(extra),
        "differentKeys", List.copyOf(different), "repairs", repairCount,
        "matched", matched(), "repaired", repaired());
  }
}
