package dev.cutover.json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/** A strict RFC 8259 parser over UTF-8 bytes that applies the number rule. Not thread-safe. */
final class JsonParser {
  private static final int MAX_DEPTH = 512;

  private final byte[] in;
  private final int end;
  private int pos;
  // grown with the nesting: most documents are shallow, and a parser is made per document
  private Object[] path = new Object[8];
  private int depth;
  private char[] chars;

  JsonParser(byte[] in, int start, int end) {
    this.in = in;
    this.pos = start;
    this.end = end;
  }

  Object parseDocument() {
    skipWs();
    Object v = value();
    skipWs();
    if (pos != end) {
      throw error("unexpected " + describe(pos) + " after the JSON value");
    }
    return v;
  }

  private Object value() {
    if (pos >= end) {
      throw error("unexpected end of input, expected a value");
    }
    byte c = in[pos];
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected " + describe(pos) + ", expected a value");
    }
  }

  private Object object() {
    if (depth >= MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
    pos++;
    TreeMap<String, Object> m = new TreeMap<>();
    skipWs();
    if (pos < end && in[pos] == '}') {
      pos++;
      return Collections.unmodifiableSortedMap(m);
    }
    enter();
    while (true) {
      path[depth] = null;
      skipWs();
      if (pos >= end || in[pos] != '"') {
        throw error("expected a string key, found " + describe(pos));
      }
      int keyAt = pos;
      String key = string();
      path[depth] = key;
      skipWs();
      expect(':');
      skipWs();
      Object v = value();
      if (m.containsKey(key)) {
        pos = keyAt;
        depth--;
        throw error("duplicate key \"" + key + "\" in object at " + path());
      }
      m.put(key, v);
      skipWs();
      if (pos < end && in[pos] == ',') {
        pos++;
        continue;
      }
      if (pos < end && in[pos] == '}') {
        pos++;
        break;
      }
      throw error("expected ',' or '}', found " + describe(pos));
    }
    depth--;
    return Collections.unmodifiableSortedMap(m);
  }

  private void enter() {
    depth++;
    if (depth == path.length) {
      path = java.util.Arrays.copyOf(path, Math.min(2 * path.length, MAX_DEPTH + 1));
    }
  }

  private Object array() {
    if (depth >= MAX_DEPTH) {
      throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }
    pos++;
    List<Object> l = new ArrayList<>();
    skipWs();
    if (pos < end && in[pos] == ']') {
      pos++;
      return Collections.unmodifiableList(l);
    }
    enter();
    while (true) {
      path[depth] = l.size();
      skipWs();
      l.add(value());
      skipWs();
      if (pos < end && in[pos] == ',') {
        pos++;
        continue;
      }
      if (pos < end && in[pos] == ']') {
        pos++;
        break;
      }
      throw error("expected ',' or ']', found " + describe(pos));
    }
    depth--;
    return Collections.unmodifiableList(l);
  }

  private Object number() {
    int start = pos;
    if (in[pos] == '-') {
      pos++;
    }
    if (pos >= end) {
      throw error("unexpected end of input in a number");
    }
    if (in[pos] == '0') {
      pos++;
    } else if (in[pos] >= '1' && in[pos] <= '9') {
      while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
        pos++;
      }
    } else {
      throw error("expected a digit, found " + describe(pos));
    }
    boolean integral = true;
    if (pos < end && in[pos] == '.') {
      integral = false;
      pos++;
      int digits = pos;
      while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
        pos++;
      }
      if (pos == digits) {
        throw error("expected a digit after the decimal point, found " + describe(pos));
      }
    }
    if (pos < end && (in[pos] == 'e' || in[pos] == 'E')) {
      integral = false;
      pos++;
      if (pos < end && (in[pos] == '+' || in[pos] == '-')) {
        pos++;
      }
      int digits = pos;
      while (pos < end && in[pos] >= '0' && in[pos] <= '9') {
        pos++;
      }
      if (pos == digits) {
        throw error("expected a digit in the exponent, found " + describe(pos));
      }
    }
    int len = pos - start;
    if (integral && len <= 17) {
      long v = 0;
      int i = start;
      boolean neg = in[i] == '-';
      if (neg) {
        i++;
      }
      for (; i < pos; i++) {
        v = v * 10 + (in[i] - '0');
      }
      if (v > CanonicalJson.MAX_SAFE_INTEGER) {
        throw new UnsupportedNumberException(path(), start, text(start, pos));
      }
      return neg ? -v : v;
    }
    String text = text(start, pos);
    if (len > 400) {
      throw new UnsupportedNumberException(path(), start, text.substring(0, 40) + "...");
    }
    BigDecimal d;
    try {
      d = new BigDecimal(text);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new UnsupportedNumberException(path(), start, text);
    }
    if (d.signum() == 0) {
      return 0L;
    }
    return CanonicalJson.exactLong(d, path(), start);
  }

  private String string() {
    pos++;
    int start = pos;
    // fast path: plain ASCII with no escapes
    while (pos < end) {
      byte b = in[pos];
      if (b == '"') {
        String s = new String(in, start, pos - start, StandardCharsets.ISO_8859_1);
        pos++;
        return s;
      }
      if (b == '\\' || b < 0x20) {
        break;
      }
      pos++;
    }
    pos = start;
    int n = 0;
    if (chars == null) {
      chars = new char[64];
    }
    while (true) {
      if (pos >= end) {
        throw error("unterminated string");
      }
      if (n + 2 > chars.length) {
        chars = java.util.Arrays.copyOf(chars, chars.length * 2);
      }
      int b = in[pos] & 0xff;
      if (b == '"') {
        pos++;
        return new String(chars, 0, n);
      }
      if (b == '\\') {
        pos++;
        if (pos >= end) {
          throw error("unterminated escape");
        }
        byte e = in[pos++];
        switch (e) {
          case '"':
            chars[n++] = '"';
            break;
          case '\\':
            chars[n++] = '\\';
            break;
          case '/':
            chars[n++] = '/';
            break;
          case 'b':
            chars[n++] = '\b';
            break;
          case 'f':
            chars[n++] = '\f';
            break;
          case 'n':
            chars[n++] = '\n';
            break;
          case 'r':
            chars[n++] = '\r';
            break;
          case 't':
            chars[n++] = '\t';
            break;
          case 'u':
            char c = hex4();
            if (Character.isHighSurrogate(c)) {
              if (pos + 6 <= end && in[pos] == '\\' && in[pos + 1] == 'u') {
                pos += 2;
                char lo = hex4();
                if (!Character.isLowSurrogate(lo)) {
                  pos -= 6;
                  throw error("lone surrogate \\u" + Integer.toHexString(c) + " in string");
                }
                chars[n++] = c;
                chars[n++] = lo;
              } else {
                pos -= 6;
                throw error("lone surrogate \\u" + Integer.toHexString(c) + " in string");
              }
            } else if (Character.isLowSurrogate(c)) {
              pos -= 6;
              throw error("lone surrogate \\u" + Integer.toHexString(c) + " in string");
            } else {
              chars[n++] = c;
            }
            break;
          default:
            pos--;
            throw error("invalid escape \\" + (char) e);
        }
      } else if (b < 0x20) {
        throw error("control character U+00" + Integer.toHexString(b) + " must be escaped in a string");
      } else if (b < 0x80) {
        chars[n++] = (char) b;
        pos++;
      } else {
        int cp = utf8();
        if (cp >= 0x10000) {
          chars[n++] = Character.highSurrogate(cp);
          chars[n++] = Character.lowSurrogate(cp);
        } else {
          chars[n++] = (char) cp;
        }
      }
    }
  }

  private int utf8() {
    int b0 = in[pos] & 0xff;
    int need;
    int cp;
    int min;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      need = 1;
      cp = b0 & 0x1f;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      need = 2;
      cp = b0 & 0x0f;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      need = 3;
      cp = b0 & 0x07;
      min = 0x10000;
    } else {
      throw error("invalid UTF-8 byte 0x" + Integer.toHexString(b0));
    }
    if (pos + need >= end) {
      pos = end;
      throw error("truncated UTF-8 sequence at the end of input");
    }
    for (int i = 1; i <= need; i++) {
      int b = in[pos + i] & 0xff;
      if ((b & 0xc0) != 0x80) {
        throw error("invalid UTF-8 continuation byte 0x" + Integer.toHexString(b));
      }
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      throw error("invalid UTF-8 sequence (overlong, surrogate or out of range)");
    }
    pos += need + 1;
    return cp;
  }

  private char hex4() {
    if (pos + 4 > end) {
      pos = end;
      throw error("truncated \\u escape at the end of input");
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(in[pos + i], 16);
      if (d < 0) {
        throw error("invalid hex digit in \\u escape");
      }
      v = (v << 4) | d;
    }
    pos += 4;
    return (char) v;
  }

  private void literal(String word) {
    int n = word.length();
    if (pos + n > end) {
      for (int i = 0; pos + i < end; i++) {
        if (in[pos + i] != word.charAt(i)) {
          pos += i;
          throw error("unexpected " + describe(pos) + ", expected " + word);
        }
      }
      pos = end;
      throw error("unexpected end of input, expected " + word);
    }
    for (int i = 0; i < n; i++) {
      if (in[pos + i] != word.charAt(i)) {
        throw error("unexpected " + describe(pos) + ", expected " + word);
      }
    }
    pos += n;
  }

  private void expect(char c) {
    if (pos >= end || in[pos] != c) {
      throw error("expected '" + c + "', found " + describe(pos));
    }
    pos++;
  }

  private void skipWs() {
    while (pos < end) {
      byte b = in[pos];
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
        pos++;
      } else {
        return;
      }
    }
  }

  private String text(int from, int to) {
    return new String(in, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private String describe(int at) {
    if (at >= end) {
      return "end of input";
    }
    int b = in[at] & 0xff;
    if (b >= 0x20 && b < 0x7f) {
      return "'" + (char) b + "'";
    }
    return "byte 0x" + Integer.toHexString(b);
  }

  private String path() {
    String p = "$";
    for (int i = 1; i <= depth; i++) {
      Object seg = path[i];
      if (seg == null) {
        break;
      }
      p = seg instanceof Integer ? p + "[" + seg + "]" : CanonicalJson.memberPath(p, (String) seg);
    }
    return p;
  }

  private InvalidJsonException error(String what) {
    return new InvalidJsonException(path(), pos, "invalid JSON at byte " + pos + " (" + path() + "): " + what);
  }
}
