/** JMH benchmarks of the migration module: step application, ledger rows, no-op re-runs, data movement. */
package dev.cutover.benchmarks.migration;
