/** JMH benchmarks of the migration module: step application, no-op re-runs, data movement. */
package dev.cutover.benchmarks.migration;
