/** JMH benchmarks of plan validation and critical path analysis. */
package dev.cutover.benchmarks.plan;
