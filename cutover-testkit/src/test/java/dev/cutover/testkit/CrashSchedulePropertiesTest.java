package dev.cutover.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.testkit.jqwik.CutoverArbitraries;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Shrinkable;

class CrashSchedulePropertiesTest {
  private static final CrashScenario SAFE = Fees.scenario(Fees.CHARGE_FEES);
  private static final CrashScenario UNSAFE = Fees.scenario(Fees.CHARGE_FEES_UNSAFE);

  @Provide
  Arbitrary<CrashSchedule> schedules() {
    return CutoverArbitraries.crashSchedules(12, 3);
  }

  @Property(tries = 10)
  void safeSteps_surviveAnySeriesOfCrashes(@ForAll("schedules") CrashSchedule schedule) {
    CrashReport report = SAFE.explore(List.of(schedule));
    assertThat(report.passed()).as(report.render()).isTrue();
  }

  @Example
  void shrinking_aFailingSeriesOfCrashes_endsAtTheOneCrashThatBreaksIt() {
    int broken = UNSAFE.explore().failures().get(0).schedule().crashPoints().get(0);
    Random random = new Random(7L);
    Shrinkable<CrashSchedule> current = null;
    for (int i = 0; i < 500 && current == null; i++) {
      Shrinkable<CrashSchedule> s = CutoverArbitraries.crashSchedules(12, 3).generator(100).next(random);
      if (s.value().crashPoints().size() > 1 && fails(s.value())) {
        current = s;
      }
    }
    assertThat(current).as("a failing series of crashes").isNotNull();
    boolean shrunk = true;
    while (shrunk) {
      shrunk = false;
      for (Shrinkable<CrashSchedule> candidate
          : (Iterable<Shrinkable<CrashSchedule>>) current.shrink().limit(40)::iterator) {
        if (fails(candidate.value())) {
          current = candidate;
          shrunk = true;
          break;
        }
      }
    }
    assertThat(current.value()).isEqualTo(CrashSchedule.of(broken));
  }

  private static boolean fails(CrashSchedule schedule) {
    return !UNSAFE.explore(List.of(schedule)).passed();
  }
}
