/**
 * What a host supplies to gates: metric readings ({@link dev.cutover.gate.spi.MetricSource}, backed
 * by Micrometer, Prometheus, a SQL query, anything) and the state of the audit log that approvals
 * are bound to ({@link dev.cutover.gate.spi.LogState}).
 */
package dev.cutover.gate.spi;
