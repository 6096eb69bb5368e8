package dev.cutover.migration.reconcile;

import dev.cutover.migration.Evidence;
import java.util.List;
import java.util.Map;

/**
 * What a reconciliation found (and, for a repair, changed). The key lists are bounded; the counts
 * are exact.
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

  /** True when source and target had the same keys and rows. */
  public boolean matched() {
    return missingCount == 0 && extraCount == 0 && differentCount == 0;
  }

  /** The report as evidence for the log. */
  public Map<String, Object> evidence() {
    return Evidence.of("sourceRows", sourceRows, "targetRows", targetRows,
        "missing", missingCount, "extra", extraCount, "different", differentCount,
        "missingKeys", List.copyOf(missing), "extraKeys", List.copyOf(extra),
        "differentKeys", List.copyOf(different), "repairs", repairCount,
        "matched", matched());
  }
}
