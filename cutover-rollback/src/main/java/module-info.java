/**
 * Cutover rollback: verified snapshots and restores of tables, key ranges, file trees and
 * host-defined resources, with access control, retention and a report of every decision.
 */
@SuppressWarnings("requires-automatic") // the PostgreSQL driver is an automatic module
module dev.cutover.rollback {
  requires transitive dev.cutover.core;
  requires transitive java.sql;
  requires static org.postgresql.jdbc;
  requires org.slf4j;

  exports dev.cutover.rollback;
  exports dev.cutover.rollback.spi;
  exports dev.cutover.rollback.files;
  exports dev.cutover.rollback.jdbc;
  exports dev.cutover.rollback.trigger;
  exports dev.cutover.rollback.engine;
  exports dev.cutover.rollback.drill;
}
