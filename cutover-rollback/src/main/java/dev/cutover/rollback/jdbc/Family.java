package dev.cutover.rollback.jdbc;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The database-independent kind of a column. Every value is encoded canonically by its family, so
 * that the same logical value has the same bytes on H2, PostgreSQL and MariaDB:
 *
 * <ul>
 *   <li>INTEGER: decimal digits; DECIMAL: {@code BigDecimal.stripTrailingZeros().toPlainString()};
 *   <li>REAL, DOUBLE: the IEEE 754 bits, big-endian (4 and 8 bytes);
 *   <li>BOOLEAN: one byte 0 or 1; BINARY: the bytes;
 *   <li>TEXT: UTF-8; CHAR: UTF-8 without trailing spaces (databases differ in padding);
 *   <li>DATE {@code yyyy-MM-dd}; TIME {@code HH:mm:ss.nnnnnnnnn}; TIMESTAMP {@code
 *       yyyy-MM-ddTHH:mm:ss.nnnnnnnnn}; TIMESTAMPTZ the same in UTC with a {@code Z};
 *   <li>OTHER: the driver's string form (also UUIDs, as their lower-case text, on every
 *       database);
 *   <li>ARRAY: its elements in order, each encoded like a value of a row (tag, length, bytes) by
 *       its own family; a nested array is an element of family ARRAY.
 * </ul>
 */
enum Family {
  INTEGER,
  DECIMAL,
  REAL,
  DOUBLE,
  BOOLEAN,
  CHAR,
  TEXT,
  BINARY,
  DATE,
  TIME,
  TIMESTAMP,
  TIMESTAMPTZ,
  OTHER,
  ARRAY;

  static final DateTimeFormatter TIME_FORMAT =
      new DateTimeFormatterBuilder().appendPattern("HH:mm:ss").appendLiteral('.')
          .appendValue(ChronoField.NANO_OF_SECOND, 9).toFormatter(Locale.ROOT);
  static final DateTimeFormatter TIMESTAMP_FORMAT =
      new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss").appendLiteral('.')
          .appendValue(ChronoField.NANO_OF_SECOND, 9).toFormatter(Locale.ROOT);
  private static final DateTimeFormatter PG_TIMESTAMPTZ =
      new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd HH:mm:ss")
          .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
          .appendOffset("+HH:mm", "+00").toFormatter(Locale.ROOT);

  static Family of(int sqlType, String typeName) {
    String t = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
    if (sqlType == Types.ARRAY || t.endsWith(" array")) {
      // before the element type's name: "TIMESTAMP WITH TIME ZONE ARRAY" is an array
      return ARRAY;
    }
    if (t.equals("timestamptz") || t.contains("timestamp with time zone")) {
      return TIMESTAMPTZ;
    }
    if (t.equals("uuid")) {
      // H2 reports a UUID as BINARY; PostgreSQL and MariaDB as OTHER: all agree on the text
      return OTHER;
    }
    switch (sqlType) {
      case Types.TINYINT:
      case Types.SMALLINT:
      case Types.INTEGER:
      case Types.BIGINT:
        return INTEGER;
      case Types.NUMERIC:
      case Types.DECIMAL:
        return DECIMAL;
      case Types.REAL:
        return REAL;
      case Types.FLOAT:
      case Types.DOUBLE:
        return DOUBLE;
      case Types.BIT:
      case Types.BOOLEAN:
        return BOOLEAN;
      case Types.CHAR:
      case Types.NCHAR:
        return CHAR;
      case Types.VARCHAR:
      case Types.LONGVARCHAR:
      case Types.NVARCHAR:
      case Types.LONGNVARCHAR:
      case Types.CLOB:
      case Types.NCLOB:
        return TEXT;
      case Types.BINARY:
      case Types.VARBINARY:
      case Types.LONGVARBINARY:
      case Types.BLOB:
        return BINARY;
      case Types.DATE:
        return DATE;
      case Types.TIME:
        return TIME;
      case Types.TIMESTAMP:
        return TIMESTAMP;
      case Types.TIMESTAMP_WITH_TIMEZONE:
        return TIMESTAMPTZ;
      case Types.ARRAY:
        return ARRAY;
      default:
        return OTHER;
    }
  }

  /** The tag that precedes a non-null value of this family in a canonical row. */
  byte tag() {
    return (byte) (ordinal() + 1);
  }

  static Family ofTag(byte tag) {
    return values()[tag - 1];
  }

  /** Appends column {@code i} of the current row, canonically. */
  void read(ResultSet rs, int i, RowBuffer out) throws SQLException {
    switch (this) {
      case INTEGER:
      case OTHER:
      case TEXT:
        text(out, rs.getString(i), false);
        return;
      case CHAR:
        text(out, rs.getString(i), true);
        return;
      case DECIMAL:
        BigDecimal d = rs.getBigDecimal(i);
        text(out, d == null ? null : canonical(d), false);
        return;
      case REAL:
        float f = rs.getFloat(i);
        if (rs.wasNull()) {
          out.putNull();
        } else {
          out.putInt(tag(), Float.floatToIntBits(f));
        }
        return;
      case DOUBLE:
        double v = rs.getDouble(i);
        if (rs.wasNull()) {
          out.putNull();
        } else {
          out.putLong(tag(), Double.doubleToLongBits(v));
        }
        return;
      case BOOLEAN:
        String raw = rs.getString(i);
        if (raw == null) {
          out.putNull();
        } else if (isOtherInteger(raw)) {
          // MariaDB's BOOLEAN is TINYINT(1) and may hold 2 or -5: kept as the number it is
          INTEGER.text(out, raw, false);
        } else {
          out.putBytes(tag(), new byte[] {(byte) (rs.getBoolean(i) ? 1 : 0)});
        }
        return;
      case BINARY:
        byte[] bytes = rs.getBytes(i);
        if (bytes == null) {
          out.putNull();
        } else {
          out.putBytes(tag(), bytes);
        }
        return;
      case DATE:
        LocalDate date = rs.getObject(i, LocalDate.class);
        text(out, date == null ? null : date.toString(), false);
        return;
      case TIME:
        String rawTime = rs.getString(i);
        if (rawTime != null && outsideADay(rawTime)) {
          // MariaDB's TIME is a duration from -838:59:59 to 838:59:59: kept as its text
          TEXT.text(out, rawTime, false);
          return;
        }
        LocalTime time = rawTime == null ? null : rs.getObject(i, LocalTime.class);
        text(out, time == null ? null : Canonical.time(time), false);
        return;
      case TIMESTAMP:
        LocalDateTime ts = rs.getObject(i, LocalDateTime.class);
        text(out, ts == null ? null : Canonical.timestamp(ts), false);
        return;
      case TIMESTAMPTZ:
        OffsetDateTime odt = rs.getObject(i, OffsetDateTime.class);
        text(out, odt == null ? null : utc(odt.toInstant()), false);
        out.putOffset(odt == null ? 0 : odt.getOffset().getTotalSeconds());
        return;
      case ARRAY:
        ArrayValues.read(rs.getArray(i), out);
        return;
      default:
        throw new IllegalStateException("unknown family " + this);
    }
  }

  /**
   * Appends a field of PostgreSQL's COPY text format (already unescaped; {@code null} for
   * {@code \N}), canonically. The session runs with ISO dates, UTC and shortest exact floats.
   */
  void readCopyText(String s, RowBuffer out) {
    if (s == null) {
      out.putNull();
      return;
    }
    switch (this) {
      case INTEGER:
      case OTHER:
      case TEXT:
        text(out, s, false);
        return;
      case CHAR:
        text(out, s, true);
        return;
      case DECIMAL:
        text(out, Canonical.decimalText(s), false);
        return;
      case REAL:
        out.putInt(tag(), Float.floatToIntBits(Float.parseFloat(s)));
        return;
      case DOUBLE:
        out.putLong(tag(), Double.doubleToLongBits(Double.parseDouble(s)));
        return;
      case BOOLEAN:
        out.putBytes(tag(), new byte[] {(byte) (s.equals("t") ? 1 : 0)});
        return;
      case BINARY:
        out.putBytes(tag(), HexFormat.of().parseHex(s, 2, s.length()));
        return;
      case DATE:
        text(out, Canonical.isIsoDate(s, 0) && s.length() == 10 ? s : LocalDate.parse(s).toString(),
            false);
        return;
      case TIME:
        text(out, Canonical.timeText(s), false);
        return;
      case TIMESTAMP:
        text(out, Canonical.timestampText(s), false);
        return;
      case TIMESTAMPTZ:
        text(out, utc(OffsetDateTime.parse(s, PG_TIMESTAMPTZ).toInstant()), false);
        return;
      case ARRAY:
        throw new IllegalStateException("an array is read with its element family");
      default:
        throw new IllegalStateException("unknown family " + this);
    }
  }

  /**
   * Binds a canonical value (as {@link RowBuffer} stored it) to parameter {@code i}; a {@code
   * TIMESTAMPTZ} with the UTC offset {@code offsetSeconds} it had when captured.
   */
  void bind(PreparedStatement ps, int i, byte[] buf, int off, int len, int offsetSeconds)
      throws SQLException {
    if (this == TIMESTAMPTZ) {
      ps.setObject(i, Instant.parse(string(buf, off, len))
          .atOffset(ZoneOffset.ofTotalSeconds(offsetSeconds)));
    } else {
      ps.setObject(i, value(buf, off, len));
    }
  }

  /** A canonical value as the Java object JDBC binds for it: an element of an array. */
  Object value(byte[] buf, int off, int len) {
    String s = this == BINARY || this == REAL || this == DOUBLE || this == BOOLEAN
        || this == ARRAY ? null : string(buf, off, len);
    return switch (this) {
      case INTEGER -> s.length() < 19 ? (Object) Long.parseLong(s) : new BigDecimal(s);
      case DECIMAL -> new BigDecimal(s);
      case REAL -> Float.intBitsToFloat(RowBuffer.getInt(buf, off));
      case DOUBLE -> Double.longBitsToDouble(RowBuffer.getLong(buf, off));
      case BOOLEAN -> buf[off] != 0;
      case BINARY -> java.util.Arrays.copyOfRange(buf, off, off + len);
      case DATE -> LocalDate.parse(s);
      case TIME -> LocalTime.parse(s);
      case TIMESTAMP -> LocalDateTime.parse(s);
      case TIMESTAMPTZ -> Instant.parse(s).atOffset(ZoneOffset.UTC);
      case ARRAY -> ArrayValues.decode(buf, off, len);
      default -> s;
    };
  }

  /** A time of day it is not: negative, or 24 hours or more. */
  private static boolean outsideADay(String time) {
    int colon = time.indexOf(':');
    if (time.startsWith("-")) {
      return true;
    }
    if (colon <= 0) {
      return false;
    }
    try {
      return Integer.parseInt(time.substring(0, colon)) >= 24;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** An integer other than 0 and 1, as MariaDB reads a {@code TINYINT(1)} that is no boolean. */
  private static boolean isOtherInteger(String s) {
    if (s.equals("0") || s.equals("1") || s.isEmpty() || s.length() > 4) {
      return false;
    }
    for (int k = s.charAt(0) == '-' ? 1 : 0; k < s.length(); k++) {
      if (s.charAt(k) < '0' || s.charAt(k) > '9') {
        return false;
      }
    }
    return s.length() > (s.charAt(0) == '-' ? 1 : 0);
  }

  private static String string(byte[] buf, int off, int len) {
    return new String(buf, off, len, StandardCharsets.UTF_8);
  }

  private void text(RowBuffer out, String s, boolean stripTrailingSpaces) {
    if (s == null) {
      out.putNull();
      return;
    }
    if (stripTrailingSpaces) {
      int end = s.length();
      while (end > 0 && s.charAt(end - 1) == ' ') {
        end--;
      }
      s = s.substring(0, end);
    }
    out.putString(tag(), s);
  }

  static String canonical(BigDecimal d) {
    return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
  }

  private static String utc(Instant i) {
    return TIMESTAMP_FORMAT.format(i.atOffset(ZoneOffset.UTC)) + "Z";
  }
}
