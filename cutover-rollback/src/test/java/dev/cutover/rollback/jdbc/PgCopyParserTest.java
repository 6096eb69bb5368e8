package dev.cutover.rollback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PgCopyParserTest {
  static String decode(String field) {
    byte[] b = field.getBytes(StandardCharsets.UTF_8);
    return PgCopy.Parser.decode(b, 0, b.length);
  }

  @Test
  void decode_undoesEveryEscapeOfTheTextFormat() {
    assertThat(decode("\\N")).isNull();
    assertThat(decode("plain é")).isEqualTo("plain é");
    assertThat(decode("a\\tb\\nc\\\\d\\re\\bf\\fg\\vh")).isEqualTo("a\tb\nc\\d\re\bf\fg\u000bh");
    assertThat(decode("\\101\\x42")).isEqualTo("AB");
    assertThat(decode("\\\\x0aff")).isEqualTo("\\x0aff");
  }

  @Test
  void parser_digestsRowsSplitAcrossBuffersLikeWholeRows() throws IOException {
    Family[] families = {Family.INTEGER, Family.TEXT, Family.BINARY};
    RowDigest whole = new RowDigest();
    new PgCopy.Parser(families, new Family[families.length], whole)
        .feed(bytes("1\ta\\tb\t\\\\x0aff\n2\t\\N\t\\N\n"));
    RowDigest split = new RowDigest();
    PgCopy.Parser p = new PgCopy.Parser(families, new Family[families.length], split);
    p.feed(bytes("1\ta\\t"));
    p.feed(bytes("b\t\\\\x0a"));
    p.feed(bytes("ff\n2\t\\N\t\\N"));
    p.feed(bytes("\n"));
    p.finish();
    TableDefinition def = new TableDefinition("t", java.util.List.of());
    assertThat(split.rows()).isEqualTo(2);
    assertThat(split.finish(def)).isEqualTo(whole.finish(def));
  }

  @Test
  void parser_refusesRowsWithTheWrongNumberOfFields() {
    PgCopy.Parser p = new PgCopy.Parser(new Family[] {Family.INTEGER, Family.TEXT}, new Family[2],
        new RowDigest());
    assertThatThrownBy(() -> p.feed(bytes("1\n"))).hasMessageContaining("1 fields, expected 2");
    PgCopy.Parser q = new PgCopy.Parser(new Family[] {Family.INTEGER}, new Family[1], new RowDigest());
    assertThatThrownBy(() -> q.feed(bytes("1\t2\n"))).hasMessageContaining("more than 1");
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
