package dev.cutover.benchmarks.peers;

/** One migration tool under comparison: apply, re-run (a no-op when applied) and validate. */
interface MigrationTool {
  /** The tool's name and version as shown in the results. */
  String name();

  /** Applies every pending migration. */
  void apply(BenchDatabase db, GeneratedMigrations migrations) throws Exception;

  /** Re-runs over an up-to-date database; must change nothing. */
  default void rerun(BenchDatabase db, GeneratedMigrations migrations) throws Exception {
    apply(db, migrations);
  }

  /** Checks the applied migrations against their definitions (checksums). */
  void validate(BenchDatabase db, GeneratedMigrations migrations) throws Exception;
}
