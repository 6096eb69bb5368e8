package dev.cutover.testkit;

import java.util.List;
import java.util.Map;

/**
 * One table as captured: its columns, its key columns (empty: rows are compared as a multiset),
 * its content digest, and its rows by key (for a table without a primary key, by the whole row,
 * with the number of copies).
 */
record TableState(
    String name,
    List<String> columns,
    List<String> keyColumns,
    long rowCount,
    String contentDigest,
    Map<String, Row> rows) {

  TableState {
    columns = List.copyOf(columns);
    keyColumns = List.copyOf(keyColumns);
    rows = Map.copyOf(rows);
  }

  /** A captured row: its values by column, shown as SQL-ish literals, and how many copies. */
  record Row(Map<String, String> values, int copies) {
    Row {
      values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }
  }
}
