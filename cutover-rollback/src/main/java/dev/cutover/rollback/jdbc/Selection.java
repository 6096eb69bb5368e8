package dev.cutover.rollback.jdbc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Locale;

/**
 * One table of a {@link TableScope}: the whole table, or the rows whose integer key column lies in
 * {@code [from, to)}.
 */
record Selection(String table, String keyColumn, long from, long to) {
  static Selection whole(String table) {
    return new Selection(table, null, 0, 0);
  }

  boolean isRange() {
    return keyColumn != null;
  }

  /** The canonical key of this selection in the scope digest and in messages. */
  String key() {
    String t = table.toLowerCase(Locale.ROOT);
    return isRange()
        ? t + "[" + keyColumn.toLowerCase(Locale.ROOT) + " " + from + ".." + to + ")"
        : t;
  }

  /** {@code WHERE ...} for a range, else the empty string; the bounds are integers. */
  String where(String quote) {
    return isRange()
        ? " WHERE " + TableDefinition.quote(keyColumn, quote) + " >= " + from + " AND "
            + TableDefinition.quote(keyColumn, quote) + " < " + to
        : "";
  }

  /** The key column's name as the table spells it. */
  Selection resolvedAgainst(TableDefinition def) {
    if (!isRange()) {
      return this;
    }
    for (Column c : def.columns()) {
      if (c.name().equalsIgnoreCase(keyColumn)) {
        return new Selection(def.name(), c.name(), from, to);
      }
    }
    throw new IllegalArgumentException(
        "table '" + def.name() + "' has no key column '" + keyColumn + "'");
  }

  void write(DataOutputStream out) throws IOException {
    out.writeBoolean(isRange());
    if (isRange()) {
      out.writeUTF(keyColumn);
      out.writeLong(from);
      out.writeLong(to);
    }
  }

  static Selection readRange(String table, DataInputStream in) throws IOException {
    if (!in.readBoolean()) {
      return whole(table);
    }
    return new Selection(table, in.readUTF(), in.readLong(), in.readLong());
  }
}
