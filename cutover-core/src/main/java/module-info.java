/**
 * Cutover core: plans and their analysis, the tamper-evident audit log, deterministic replay,
 * gates and approvals, and the engine that runs a cutover.
 */
// the modules dev.cutover.internal is exported to are built after this one
@SuppressWarnings("module")
module dev.cutover.core {
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.dataformat.yaml;
  requires org.yaml.snakeyaml;
  requires org.bouncycastle.provider;
  requires org.slf4j;
  requires static java.sql;

  exports dev.cutover;
  exports dev.cutover.report;
  exports dev.cutover.audit;
  exports dev.cutover.audit.spi;
  exports dev.cutover.crypto;
  exports dev.cutover.json;
  exports dev.cutover.plan;
  exports dev.cutover.gate;
  exports dev.cutover.gate.spi;
  exports dev.cutover.replay;
  exports dev.cutover.engine;
  exports dev.cutover.engine.spi;
  exports dev.cutover.internal to
      dev.cutover.rollback,
      dev.cutover.migration,
      dev.cutover.cli;
}
