package dev.cutover.rollback.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Array values in the canonical encoding of {@link Family#ARRAY}: the elements in order, each a
 * tag byte (0 for null, else its family's tag), then for non-null elements a 4-byte length and
 * the bytes, exactly like the values of a row. A nested array (H2's {@code INTEGER ARRAY ARRAY},
 * PostgreSQL's {@code int[][]}) is an element of family ARRAY, so both encode alike.
 */
final class ArrayValues {
  private ArrayValues() {}

  /** Appends a JDBC array (null for SQL NULL), each element read by the family its type has. */
  static void read(Array array, RowBuffer out) throws SQLException {
    if (array == null) {
      out.putNull();
      return;
    }
    RowBuffer elements = new RowBuffer();
    try (ResultSet rs = array.getResultSet()) {
      ResultSetMetaData md = rs.getMetaData();
      Family element = Family.of(md.getColumnType(2), md.getColumnTypeName(2));
      while (rs.next()) {
        element.read(rs, 2, elements);
      }
    } finally {
      array.free();
    }
    out.putBytes(Family.ARRAY.tag(), elements.array(), 0, elements.length());
  }

  /**
   * Appends PostgreSQL's text form of an array ({@code {1,NULL,"a, b"}}, already unescaped from
   * COPY), each element read as COPY text of the {@code element} family.
   *
   * @throws IllegalArgumentException if the text is not an array PostgreSQL writes with default
   *     bounds
   */
  static void readPgText(String text, Family element, RowBuffer out) {
    if (text == null) {
      out.putNull();
      return;
    }
    RowBuffer elements = new RowBuffer();
    int end;
    try {
      end = parse(text, 0, element, elements);
    } catch (IndexOutOfBoundsException e) {
      end = -1;
    }
    if (end != text.length()) {
      throw new IllegalArgumentException("array value '" + text + "' is not in PostgreSQL's"
          + " array text form with default bounds");
    }
    out.putBytes(Family.ARRAY.tag(), elements.array(), 0, elements.length());
  }

  /** Parses {@code {...}} at {@code pos}; returns the index after its closing brace, or -1. */
  private static int parse(String s, int pos, Family element, RowBuffer out) {
    if (s.charAt(pos) != '{') {
      return -1;
    }
    pos++;
    if (s.charAt(pos) == '}') {
      return pos + 1;
    }
    while (true) {
      char c = s.charAt(pos);
      if (c == '{') {
        RowBuffer nested = new RowBuffer();
        pos = parse(s, pos, element, nested);
        if (pos < 0) {
          return -1;
        }
        out.putBytes(Family.ARRAY.tag(), nested.array(), 0, nested.length());
      } else if (c == '"') {
        StringBuilder b = new StringBuilder();
        for (pos++; s.charAt(pos) != '"'; pos++) {
          if (s.charAt(pos) == '\\') {
            pos++;
          }
          b.append(s.charAt(pos));
        }
        pos++;
        element.readCopyText(b.toString(), out);
      } else {
        int start = pos;
        while (s.charAt(pos) != ',' && s.charAt(pos) != '}') {
          pos++;
        }
        String v = s.substring(start, pos);
        element.readCopyText(v.equals("NULL") ? null : v, out);
      }
      c = s.charAt(pos++);
      if (c == '}') {
        return pos;
      }
      if (c != ',') {
        return -1;
      }
    }
  }

  /** The elements of a canonical array value, as the Java objects JDBC binds. */
  static Object[] decode(byte[] buf, int off, int len) {
    List<Object> values = new ArrayList<>();
    int pos = off;
    while (pos < off + len) {
      byte tag = buf[pos++];
      if (tag == 0) {
        values.add(null);
        continue;
      }
      int vlen = RowBuffer.getInt(buf, pos);
      pos += 4;
      values.add(Family.ofTag(tag).value(buf, pos, vlen));
      pos += vlen;
    }
    return values.toArray();
  }

  /**
   * The family of the elements of a PostgreSQL array type, the one the driver reports for a
   * column of the element type. The type is named as the driver does ({@code _int4}, {@code
   * _varchar}) or as the catalog's {@code format_type} writes it ({@code integer[]}, {@code
   * character varying(10)[]}, {@code time(3) without time zone[]}).
   */
  static Family pgElement(String arrayTypeName) {
    String t = arrayTypeName.toLowerCase(Locale.ROOT).replace("[]", "")
        .replaceAll("\\(\\s*\\d+\\s*(,\\s*-?\\d+\\s*)?\\)", "").trim();
    t = t.startsWith("_") ? t.substring(1) : t;
    return switch (t) {
      case "int2", "int4", "int8", "smallint", "integer", "bigint" -> Family.INTEGER;
      case "numeric" -> Family.DECIMAL;
      case "float4", "real" -> Family.REAL;
      case "float8", "double precision" -> Family.DOUBLE;
      case "bool", "boolean" -> Family.BOOLEAN;
      case "bpchar", "character" -> Family.CHAR;
      case "varchar", "character varying", "text", "name" -> Family.TEXT;
      case "bytea" -> Family.BINARY;
      case "date" -> Family.DATE;
      case "time", "timetz", "time without time zone", "time with time zone" -> Family.TIME;
      case "timestamp", "timestamp without time zone" -> Family.TIMESTAMP;
      case "timestamptz", "timestamp with time zone" -> Family.TIMESTAMPTZ;
      default -> Family.OTHER;
    };
  }
}
