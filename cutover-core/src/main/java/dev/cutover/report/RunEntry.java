package dev.cutover.report;

import java.time.Instant;
import java.util.Map;

/** One audit log entry as the report reads it: where, when, what and who. */
record RunEntry(long seq, Instant time, String type, String actor, Map<String, Object> data) {}
