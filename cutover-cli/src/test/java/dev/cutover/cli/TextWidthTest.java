package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextWidthTest {
  @Test
  void ascii_andLatinWithCombiningMarks_takeOneColumnPerVisibleCharacter() {
    assertThat(TextWidth.of("")).isZero();
    assertThat(TextWidth.of("migrate-accounts")).isEqualTo(16);
    // e + COMBINING ACUTE ACCENT: five chars, four columns
    assertThat(TextWidth.of("cafe\u0301")).isEqualTo(4);
    assertThat(TextWidth.of("\u00e9")).isEqualTo(1);
    // Devanagari with a virama (a non-spacing mark)
    assertThat(TextWidth.of("\u0915\u094d\u0937")).isEqualTo(2);
  }

  @Test
  void eastAsianWideAndFullwidth_takeTwoColumns_halfwidthOne() {
    assertThat(TextWidth.of("迁移数据")).isEqualTo(8);
    assertThat(TextWidth.of("データ移行")).isEqualTo(10);
    assertThat(TextWidth.of("한국")).isEqualTo(4);
    // the same syllable as conjoining jamo: the vowel and final consonant join the first
    assertThat(TextWidth.of("\u1112\u1161\u11ab")).isEqualTo(2);
    assertThat(TextWidth.of("ＡＢ")).isEqualTo(4);
    assertThat(TextWidth.of("ｱｲ")).isEqualTo(2);
    // a CJK ideograph outside the Basic Multilingual Plane (a surrogate pair)
    assertThat(TextWidth.of("\uD840\uDC0B")).isEqualTo(2);
  }

  @Test
  void emoji_takeTwoColumns_andSequencesJoinIntoOne() {
    assertThat(TextWidth.of("🚀")).isEqualTo(2);
    assertThat(TextWidth.of("go🚀live")).isEqualTo(8);
    assertThat(TextWidth.of("⚡")).isEqualTo(2);
    // thumbs up with a skin tone; a family joined by zero width joiners
    assertThat(TextWidth.of("👍🏽")).isEqualTo(2);
    assertThat(TextWidth.of("👨\u200d👩\u200d👧")).isEqualTo(2);
    // between letters a joiner joins nothing: each letter keeps its column
    assertThat(TextWidth.of("a\u200db")).isEqualTo(2);
    assertThat(TextWidth.of("\u0915\u094d\u200d\u0937")).isEqualTo(2);
    // a text-style symbol with the emoji variation selector keeps its own width
    assertThat(TextWidth.of("\u2714\ufe0f")).isEqualTo(1);
  }

  @Test
  void pad_fillsToTheWidthInColumns() {
    assertThat(TextWidth.pad("迁移", 6, true)).isEqualTo("迁移  ");
    assertThat(TextWidth.pad("cafe\u0301", 6, false)).isEqualTo("  cafe\u0301");
    assertThat(TextWidth.pad("toolong", 3, true)).isEqualTo("toolong");
  }
}
