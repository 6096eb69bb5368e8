package dev.cutover.rollback.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.time.api.DateTimes;

/** The hand-written fast paths give exactly what java.time and BigDecimal give. */
class CanonicalProperties {
  @Property(tries = 300)
  void decimalText_equalsBigDecimalCanonicalForm(@ForAll("decimals") String text) {
    assertThat(Canonical.decimalText(text)).isEqualTo(Family.canonical(new BigDecimal(text)));
  }

  @Property(tries = 300)
  void timestamp_equalsTheFormatterAndParsesBackFromPostgresText(
      @ForAll("timestamps") LocalDateTime t) {
    String canonical = Family.TIMESTAMP_FORMAT.format(t);
    assertThat(Canonical.timestamp(t)).isEqualTo(canonical);
    String pg = t.toString().replace('T', ' ');
    assertThat(Canonical.timestampText(pg)).isEqualTo(canonical);
    assertThat(Canonical.timeText(t.toLocalTime().toString()))
        .isEqualTo(Family.TIME_FORMAT.format(t.toLocalTime()))
        .isEqualTo(Canonical.time(t.toLocalTime()));
  }

  @Provide
  Arbitrary<String> decimals() {
    return Arbitraries.bigDecimals().between(new BigDecimal("-1e12"), new BigDecimal("1e12"))
        .ofScale(4).map(BigDecimal::toPlainString)
        .edgeCases(c -> c.add("0.0000").add("-0.0000").add("100").add("-0.5000"));
  }

  @Provide
  Arbitrary<LocalDateTime> timestamps() {
    return DateTimes.dateTimes().yearBetween(1, 9999)
        .flatMap(t -> Arbitraries.integers().between(0, 999_999)
            .map(micros -> t.withNano(micros * 1000)))
        .edgeCases(c -> c.add(LocalDateTime.of(2026, 1, 1, 0, 0)));
  }

  @Property(tries = 50)
  void time_isPaddedToNineDigits(@ForAll("times") LocalTime t) {
    assertThat(Canonical.time(t)).hasSize(18).isEqualTo(Family.TIME_FORMAT.format(t));
  }

  @Provide
  Arbitrary<LocalTime> times() {
    return net.jqwik.time.api.Times.times();
  }
}
