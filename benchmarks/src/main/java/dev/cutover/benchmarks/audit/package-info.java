/** JMH benchmarks of the audit log: append, durable group commit, verification and proofs. */
package dev.cutover.benchmarks.audit;
