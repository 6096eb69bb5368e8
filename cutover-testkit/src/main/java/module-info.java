/**
 * Cutover testkit: a JUnit 5 extension with fresh databases, audit logs and a controllable clock,
 * assertions that prove migration steps idempotent, rollback-exact, replay-deterministic and
 * crash-safe, and jqwik arbitraries for plans, rows and crash schedules.
 */
@SuppressWarnings("requires-automatic") // the H2 driver is an automatic module
module dev.cutover.testkit {
  requires transitive dev.cutover.core;
  requires transitive dev.cutover.migration;
  requires transitive dev.cutover.rollback;
  requires transitive org.junit.jupiter.api;
  requires transitive net.jqwik.api;
  requires com.h2database;

  exports dev.cutover.testkit;
  exports dev.cutover.testkit.jqwik;
}
