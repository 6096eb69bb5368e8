package dev.cutover.rollback.jdbc;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Fast paths to the canonical text of {@link Family} values: the common shapes are rewritten by
 * hand, anything else goes through {@code java.time} and {@code BigDecimal}, with the same result.
 */
final class Canonical {
  private Canonical() {}

  /** {@code HH:mm:ss.nnnnnnnnn}. */
  static String time(LocalTime t) {
    StringBuilder b = new StringBuilder(18);
    appendTime(b, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
    return b.toString();
  }

  /** {@code uuuu-MM-ddTHH:mm:ss.nnnnnnnnn}. */
  static String timestamp(LocalDateTime t) {
    int y = t.getYear();
    if (y < 0 || y > 9999) {
      return Family.TIMESTAMP_FORMAT.format(t);
    }
    StringBuilder b = new StringBuilder(29);
    pad(b, y, 4).append('-');
    pad(b, t.getMonthValue(), 2).append('-');
    pad(b, t.getDayOfMonth(), 2).append('T');
    appendTime(b, t.getHour(), t.getMinute(), t.getSecond(), t.getNano());
    return b.toString();
  }

  /** PostgreSQL's ISO {@code yyyy-MM-dd HH:mm:ss[.ffffff]} to the canonical timestamp. */
  static String timestampText(String s) {
    if (s.length() >= 19 && isIsoDate(s, 0) && s.charAt(10) == ' ' && isTime(s, 11)) {
      String frac = fraction(s, 19);
      if (frac != null) {
        return s.substring(0, 10) + 'T' + s.substring(11, 19) + '.' + frac;
      }
    }
    return Family.TIMESTAMP_FORMAT.format(LocalDateTime.parse(s.replace(' ', 'T')));
  }

  /** PostgreSQL's {@code HH:mm:ss[.ffffff]} to the canonical time. */
  static String timeText(String s) {
    if (s.length() >= 8 && isTime(s, 0)) {
      String frac = fraction(s, 8);
      if (frac != null) {
        return s.substring(0, 8) + '.' + frac;
      }
    }
    return Family.TIME_FORMAT.format(LocalTime.parse(s));
  }

  /** A decimal's text to {@code stripTrailingZeros().toPlainString()}, zero as {@code 0}. */
  static String decimalText(String s) {
    int n = s.length();
    int start = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    int point = -1;
    boolean plain = n > start;
    for (int i = start; i < n && plain; i++) {
      char c = s.charAt(i);
      if (c == '.' && point < 0) {
        point = i;
      } else if (c < '0' || c > '9') {
        plain = false;
      }
    }
    if (!plain || (n > start + 1 && s.charAt(start) == '0' && s.charAt(start + 1) != '.')) {
      return s.equals("NaN") ? s : Family.canonical(new BigDecimal(s));
    }
    int end = n;
    if (point >= 0) {
      while (end > point + 1 && s.charAt(end - 1) == '0') {
        end--;
      }
      if (end == point + 1) {
        end = point;
      }
    }
    String r = s.substring(0, end);
    return r.equals("-0") || r.equals("0") || r.isEmpty() || r.equals("-") ? "0" : r;
  }

  static boolean isIsoDate(String s, int at) {
    return s.length() >= at + 10 && digits(s, at, 4) && s.charAt(at + 4) == '-'
        && digits(s, at + 5, 2) && s.charAt(at + 7) == '-' && digits(s, at + 8, 2);
  }

  private static boolean isTime(String s, int at) {
    return s.length() >= at + 8 && digits(s, at, 2) && s.charAt(at + 2) == ':'
        && digits(s, at + 3, 2) && s.charAt(at + 5) == ':' && digits(s, at + 6, 2);
  }

  /** Nine fraction digits from {@code .f...} at {@code at} (or nothing there), else null. */
  private static String fraction(String s, int at) {
    if (s.length() == at) {
      return "000000000";
    }
    int digits = s.length() - at - 1;
    if (s.charAt(at) != '.' || digits < 1 || digits > 9 || !digits(s, at + 1, digits)) {
      return null;
    }
    return s.substring(at + 1) + "000000000".substring(digits);
  }

  private static boolean digits(String s, int at, int count) {
    for (int i = at; i < at + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static void appendTime(StringBuilder b, int h, int m, int sec, int nano) {
    pad(b, h, 2).append(':');
    pad(b, m, 2).append(':');
    pad(b, sec, 2).append('.');
    pad(b, nano, 9);
  }

  private static StringBuilder pad(StringBuilder b, int v, int width) {
    String d = Integer.toString(v);
    for (int i = d.length(); i < width; i++) {
      b.append('0');
    }
    return b.append(d);
  }
}
