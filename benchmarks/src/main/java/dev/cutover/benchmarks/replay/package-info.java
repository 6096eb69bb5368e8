/** JMH benchmarks of deterministic replay: in memory, and from a log file with verification. */
package dev.cutover.benchmarks.replay;
