/**
 * Cutover migration: idempotent, ledgered migration steps on real databases (H2, PostgreSQL,
 * MariaDB/MySQL), the cutover lease with its fencing token, data movement, validation
 * checkpoints, reconciliation and masking.
 */
module dev.cutover.migration {
  requires transitive dev.cutover.core;
  requires transitive java.sql;
  requires org.bouncycastle.provider;
  requires org.slf4j;

  exports dev.cutover.migration;
  exports dev.cutover.migration.audit;
  exports dev.cutover.migration.jdbc;
  exports dev.cutover.migration.lease;
  exports dev.cutover.migration.movement;
  exports dev.cutover.migration.validation;
  exports dev.cutover.migration.reconcile;
  exports dev.cutover.migration.masking;
  exports dev.cutover.migration.engine;
}
