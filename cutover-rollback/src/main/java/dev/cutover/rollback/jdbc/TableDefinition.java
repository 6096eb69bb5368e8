package dev.cutover.rollback.jdbc;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A table's definition as captured beside its data: its exact name and its columns (name, type,
 * size, nullability, primary key), enough to recreate it after it was dropped or altered.
 * Secondary indexes, foreign keys, defaults and triggers are not captured.
 */
record TableDefinition(String name, List<Column> columns) {
  TableDefinition {
    columns = List.copyOf(columns);
  }

  /** Finds a table in the connection's current catalog and schema, ignoring case. */
  static Optional<TableDefinition> read(Connection c, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    Dialect dialect = Dialect.of(c);
    boolean mariadb = dialect == Dialect.MARIADB;
    String catalog = c.getCatalog();
    String schema = c.getSchema();
    String exact = null;
    try (ResultSet rs = md.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String n = rs.getString("TABLE_NAME");
        if (n.equals(table) || (exact == null && n.equalsIgnoreCase(table))) {
          exact = n;
        }
      }
    }
    if (exact == null) {
      return Optional.empty();
    }
    List<String> key = new ArrayList<>();
    List<int[]> keySeq = new ArrayList<>();
    try (ResultSet rs = md.getPrimaryKeys(catalog, schema, exact)) {
      while (rs.next()) {
        key.add(rs.getString("COLUMN_NAME"));
        keySeq.add(new int[] {rs.getInt("KEY_SEQ")});
      }
    }
    List<Column> cols = new ArrayList<>();
    List<Integer> ordinals = new ArrayList<>();
    try (ResultSet rs = md.getColumns(catalog, schema, exact, "%")) {
      while (rs.next()) {
        if (!exact.equals(rs.getString("TABLE_NAME"))) {
          continue;
        }
        String col = rs.getString("COLUMN_NAME");
        int k = key.indexOf(col);
        int sqlType = rs.getInt("DATA_TYPE");
        String typeName = rs.getString("TYPE_NAME");
        int size = rs.getInt("COLUMN_SIZE");
        if (mariadb && "YEAR".equalsIgnoreCase(typeName)) {
          // reported as a DATE, but it holds a year number
          sqlType = Types.SMALLINT;
        } else if (mariadb && sqlType == Types.BIT && size > 1) {
          // BIT(n) is n bits, not a boolean: kept as its bytes
          sqlType = Types.BINARY;
        }
        cols.add(
            new Column(
                col,
                sqlType,
                typeName,
                size,
                rs.getInt("DECIMAL_DIGITS"),
                rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                k < 0 ? 0 : keySeq.get(k)[0]));
        ordinals.add(rs.getInt("ORDINAL_POSITION"));
      }
    }
    List<Column> ordered = new ArrayList<>(cols);
    ordered.sort(Comparator.comparingInt(col -> ordinals.get(cols.indexOf(col))));
    if (mariadb && ordered.stream().anyMatch(TableDefinition::listsItsValues)) {
      ordered = withMariaDbValueLists(c, exact, ordered);
    }
    if (mariadb && ordered.stream().anyMatch(col -> col.typeName().equalsIgnoreCase("longtext"))) {
      ordered = withMariaDbJson(c, exact, ordered);
    }
    if (dialect == Dialect.POSTGRESQL && ordered.stream().anyMatch(TableDefinition::pgTypmodLost)) {
      ordered = withPgFormattedTypes(c, schema, exact, ordered);
    }
    return Optional.of(new TableDefinition(exact, ordered));
  }

  private static boolean listsItsValues(Column c) {
    return c.typeName().equalsIgnoreCase("enum") || c.typeName().equalsIgnoreCase("set");
  }

  /**
   * MariaDB's metadata names an {@code ENUM} or {@code SET} column without its values, which the
   * table cannot be recreated without: the type becomes the catalog's full column type, e.g.
   * {@code enum('a','b')}.
   */
  private static List<Column> withMariaDbValueLists(Connection c, String table, List<Column> cols)
      throws SQLException {
    java.util.Map<String, String> types = catalogTypes(c,
        "SELECT COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS"
            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?", table);
    return retyped(cols, TableDefinition::listsItsValues, types);
  }

  /** Runs a catalog query of one parameter that returns column names and their types. */
  private static java.util.Map<String, String> catalogTypes(Connection c, String sql, String param)
      throws SQLException {
    java.util.Map<String, String> types = new java.util.HashMap<>();
    try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          types.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return types;
  }

  /** The columns, those that {@code which} picks and {@code types} names typed as it says. */
  private static List<Column> retyped(List<Column> cols, java.util.function.Predicate<Column> which,
      java.util.Map<String, String> types) {
    List<Column> out = new ArrayList<>(cols.size());
    for (Column col : cols) {
      String type = types.get(col.name());
      out.add(which.test(col) && type != null ? col.withTypeName(type) : col);
    }
    return out;
  }

  /**
   * MariaDB's {@code JSON} is a {@code LONGTEXT} with the column check {@code json_valid(col)},
   * and its metadata says only {@code LONGTEXT}: such a column is named {@code JSON}, so that a
   * recreated table keeps the check.
   */
  private static List<Column> withMariaDbJson(Connection c, String table, List<Column> cols)
      throws SQLException {
    Set<String> json = new java.util.HashSet<>();
    try (java.sql.PreparedStatement ps = c.prepareStatement(
        "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
            + " WHERE CONSTRAINT_SCHEMA = DATABASE() AND TABLE_NAME = ?")) {
      ps.setString(1, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          java.util.regex.Matcher m = JSON_VALID.matcher(rs.getString(1).trim());
          if (m.matches()) {
            json.add(m.group(1).replace("``", "`"));
          }
        }
      }
    } catch (SQLException e) {
      return cols; // no CHECK_CONSTRAINTS (MySQL before 8.0.16): the column stays LONGTEXT
    }
    List<Column> out = new ArrayList<>(cols.size());
    for (Column col : cols) {
      out.add(col.typeName().equalsIgnoreCase("longtext") && json.contains(col.name())
          ? col.withTypeName("JSON") : col);
    }
    return out;
  }

  private static final java.util.regex.Pattern JSON_VALID =
      java.util.regex.Pattern.compile("(?i)json_valid\\(`((?:[^`]|``)+)`\\)");

  /**
   * Whether PostgreSQL's metadata leaves out part of a column's type that recreating it needs: an
   * array's element length or precision ({@code _varchar} for {@code varchar(10)[]}), an
   * interval's fields and precision.
   */
  private static boolean pgTypmodLost(Column c) {
    return c.sqlType() == Types.ARRAY || c.typeName().equalsIgnoreCase("interval");
  }

  /**
   * For the columns {@link #pgTypmodLost} picks, the type as the catalog's {@code format_type}
   * writes it, e.g. {@code character varying(10)[]} or {@code interval second(3)}.
   */
  private static List<Column> withPgFormattedTypes(
      Connection c, String schema, String table, List<Column> cols) throws SQLException {
    String qualified = (schema == null ? "" : quote(schema, "\"") + ".") + quote(table, "\"");
    java.util.Map<String, String> types = catalogTypes(c,
        "SELECT attname, format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute"
            + " WHERE attrelid = to_regclass(?) AND attnum > 0 AND NOT attisdropped", qualified);
    return retyped(cols, TableDefinition::pgTypmodLost, types);
  }

  /** The canonical form that enters the digest: the same for the same logical table anywhere. */
  void writeCanonical(DataOutputStream out) throws IOException {
    writeString(out, name.toLowerCase(Locale.ROOT));
    out.writeInt(columns.size());
    for (Column c : columns) {
      writeString(out, c.name().toLowerCase(Locale.ROOT));
      writeString(out, c.family().name());
      out.writeBoolean(c.nullable());
      out.writeInt(c.keyPosition());
    }
  }

  void write(DataOutputStream out) throws IOException {
    writeString(out, name);
    out.writeInt(columns.size());
    for (Column c : columns) {
      writeString(out, c.name());
      out.writeInt(c.sqlType());
      writeString(out, c.typeName());
      out.writeInt(c.size());
      out.writeInt(c.scale());
      out.writeBoolean(c.nullable());
      out.writeInt(c.keyPosition());
    }
  }

  static TableDefinition readFrom(DataInputStream in) throws IOException {
    String name = readString(in);
    int n = in.readInt();
    List<Column> cols = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      cols.add(
          new Column(
              readString(in), in.readInt(), readString(in), in.readInt(), in.readInt(),
              in.readBoolean(), in.readInt()));
    }
    return new TableDefinition(name, cols);
  }

  String columnList(String quote) {
    return columns.stream().map(c -> quote(c.name(), quote)).collect(Collectors.joining(", "));
  }

  /** CREATE TABLE {@code table} in the dialect the definition was read from. */
  String createStatement(Dialect dialect, String quote, String table) {
    StringBuilder b = new StringBuilder("CREATE TABLE ").append(quote(table, quote)).append(" (");
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      b.append(i == 0 ? "" : ", ").append(quote(c.name(), quote)).append(' ')
          .append(typeOf(c, dialect));
      if (!c.nullable()) {
        b.append(" NOT NULL");
      }
    }
    List<Column> key =
        columns.stream().filter(c -> c.keyPosition() > 0)
            .sorted(Comparator.comparingInt(Column::keyPosition)).toList();
    if (!key.isEmpty()) {
      b.append(", PRIMARY KEY (")
          .append(key.stream().map(c -> quote(c.name(), quote)).collect(Collectors.joining(", ")))
          .append(')');
    }
    return b.append(')').toString();
  }

  private static String typeOf(Column c, Dialect dialect) {
    String t = c.typeName();
    String lower = t.toLowerCase(Locale.ROOT);
    Family f = c.family();
    if (dialect == Dialect.MARIADB && f == Family.BOOLEAN) {
      return "BOOLEAN";
    }
    if (dialect == Dialect.H2) {
      String h2 = h2Type(c, t, lower);
      if (h2 != null) {
        return h2;
      }
    }
    if (dialect == Dialect.POSTGRESQL && c.scale() < 6
        && (lower.equals("timestamp") || lower.equals("timestamptz") || lower.equals("time")
            || lower.equals("timetz"))) {
      // fractional digits below the default of 6
      return t + "(" + c.scale() + ")";
    }
    if (f == Family.DECIMAL && c.size() > 0 && !(dialect == Dialect.POSTGRESQL && c.size() >= 1000)) {
      String sized = "(" + c.size() + ", " + c.scale() + ")";
      // MariaDB names an unsigned decimal "DECIMAL UNSIGNED"; the size goes after DECIMAL
      return lower.endsWith(" unsigned")
          ? t.substring(0, t.length() - " unsigned".length()) + sized + " UNSIGNED"
          : t + sized;
    }
    boolean sized =
        switch (lower) {
          case "varchar", "character varying", "char", "character", "bpchar", "nvarchar",
              "nchar", "varbinary", "binary", "binary varying", "bit" -> true;
          default -> false;
        };
    if (sized && c.size() > 0 && c.size() < 10_485_760) {
      return t + "(" + c.size() + ")";
    }
    if (dialect == Dialect.MARIADB) {
      // MariaDB reports fractional seconds only through the display size: 19 (or 10 for TIME,
      // whose range runs to -838:59:59), plus the point and the digits.
      int base = lower.equals("time") ? 10 : 19;
      if ((lower.equals("datetime") || lower.equals("timestamp") || lower.equals("time"))
          && c.size() > base + 1) {
        return t + "(" + (c.size() - base - 1) + ")";
      }
    }
    return t;
  }

  /**
   * H2's types whose precision the type name leaves out: fractional seconds of times and
   * timestamps (H2's defaults are 0 for TIME and 6 for TIMESTAMP), DECFLOAT's digits, an
   * interval's leading and fractional precision, an array's maximum cardinality; else null.
   */
  private static String h2Type(Column c, String t, String lower) {
    switch (lower) {
      case "timestamp", "time":
        return t + "(" + c.scale() + ")";
      case "timestamp with time zone", "time with time zone":
        return t.substring(0, lower.indexOf(' ')) + "(" + c.scale() + ")"
            + t.substring(lower.indexOf(' '));
      case "decfloat":
        return c.size() > 0 ? t + "(" + c.size() + ")" : t;
      default:
        break;
    }
    if (lower.startsWith("interval ") && c.size() > 0) {
      String[] parts = t.substring("interval ".length()).split(" TO ", 2);
      boolean secondsFirst = parts[0].equalsIgnoreCase("second");
      String lead = parts[0] + "(" + c.size() + (secondsFirst ? ", " + c.scale() : "") + ")";
      if (parts.length == 1) {
        return "INTERVAL " + lead;
      }
      return "INTERVAL " + lead + " TO " + parts[1]
          + (parts[1].equalsIgnoreCase("second") ? "(" + c.scale() + ")" : "");
    }
    if (lower.endsWith(" array") && c.size() > 0 && c.size() != 65536) {
      return t + "[" + c.size() + "]";
    }
    return null;
  }

  static String quote(String identifier, String quote) {
    return quote + identifier.replace(quote, quote + quote) + quote;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
