/**
 * The review of a cutover: a {@link dev.cutover.report.ReportModel} of what was planned and what
 * happened, and {@link dev.cutover.report.HtmlReport}, which renders it into one self-contained
 * HTML file with a Gantt chart of planned against actual times.
 *
 * <p>Every type in this package is an immutable value or a stateless renderer and is thread-safe.
 */
package dev.cutover.report;
