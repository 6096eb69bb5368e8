package dev.cutover.cli;

/**
 * How many columns a string takes in a terminal, so that tables line up whatever the task ids
 * are written in. East Asian Wide and Fullwidth characters (CJK ideographs, kana, Hangul
 * syllables, fullwidth forms) and emoji take two columns; combining marks, format characters such
 * as the zero width joiner, and Hangul vowel and final consonant jamo take none; the character
 * after a zero width joiner and an emoji skin-tone modifier join the emoji before them and take
 * none; everything else takes one.
 *
 * <p>This follows the {@code wcwidth} of common terminals (Markus Kuhn's rules, with emoji as
 * Unicode's East Asian Width gives them since Unicode 9). The JDK has no East Asian Width
 * property, so the wide ranges are listed here; the zero-width ones come from {@link
 * Character#getType}. Stateless and thread-safe.
 */
final class TextWidth {
  private static final int ZERO_WIDTH_JOINER = 0x200D;

  /** Wide ranges, inclusive, sorted: East Asian Width W or F, emoji presentation included. */
  private static final int[][] WIDE = {
    {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC}, {0x23F0, 0x23F0},
    {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615}, {0x2648, 0x2653}, {0x267F, 0x267F},
    {0x2693, 0x2693}, {0x26A1, 0x26A1}, {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5},
    {0x26CE, 0x26CE}, {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
    {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B}, {0x2728, 0x2728},
    {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755}, {0x2757, 0x2757}, {0x2795, 0x2797},
    {0x27B0, 0x27B0}, {0x27BF, 0x27BF}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
    {0x2E80, 0x303E}, {0x3041, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xA000, 0xA4CF},
    {0xA960, 0xA97F}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6F},
    {0xFF00, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE4}, {0x17000, 0x18AFF},
    {0x1B000, 0x1B2FF}, {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E},
    {0x1F191, 0x1F19A}, {0x1F200, 0x1F251}, {0x1F300, 0x1F64F}, {0x1F680, 0x1F6FF},
    {0x1F7E0, 0x1F7EB}, {0x1F90C, 0x1F9FF}, {0x1FA70, 0x1FAFF}, {0x20000, 0x2FFFD},
    {0x30000, 0x3FFFD}
  };

  private TextWidth() {}

  /**
   * The number of terminal columns {@code s} takes.
   *
   * @param s the text
   * @return its width, zero for the empty string
   */
  static int of(String s) {
    int width = 0;
    int previous = -1;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      // a joiner joins two emoji; between letters it is only a hint and joins nothing
      boolean joined = (previous == ZERO_WIDTH_JOINER && isWide(cp))
          || (isSkinTone(cp) && previous >= 0);
      width += joined ? 0 : of(cp);
      previous = cp;
    }
    return width;
  }

  /**
   * The number of terminal columns one code point takes on its own.
   *
   * @param cp the code point
   * @return 0, 1 or 2
   */
  static int of(int cp) {
    switch (Character.getType(cp)) {
      case Character.NON_SPACING_MARK:
      case Character.ENCLOSING_MARK:
      case Character.FORMAT:
      case Character.CONTROL:
        return 0;
      default:
        break;
    }
    if (cp >= 0x1160 && cp <= 0x11FF) {
      // Hangul vowel and final consonant jamo join the initial consonant before them
      return 0;
    }
    return isWide(cp) ? 2 : 1;
  }

  private static boolean isSkinTone(int cp) {
    return cp >= 0x1F3FB && cp <= 0x1F3FF;
  }

  private static boolean isWide(int cp) {
    int lo = 0;
    int hi = WIDE.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (cp < WIDE[mid][0]) {
        hi = mid - 1;
      } else if (cp > WIDE[mid][1]) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /**
   * Pads {@code s} with spaces to {@code width} columns.
   *
   * @param s the text
   * @param width the columns to fill, at least {@code of(s)}
   * @param left true to align the text left (spaces after), false to align it right
   * @return the padded text
   */
  static String pad(String s, int width, boolean left) {
    String spaces = " ".repeat(Math.max(0, width - of(s)));
    return left ? s + spaces : spaces + s;
  }
}
