package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Crashes the engine at every durable point of the twenty-task plan (after every append, before
 * and after every action), resumes, and checks that the outcome is exactly that of a run that
 * was never interrupted: the same final state digest, every effect applied (and undone,
 * compensated) exactly as often, and a log that replays.
 */
@org.junit.jupiter.api.Timeout(120)
class EngineCrashTest {
  /** A simulated process death. */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash(int point) {
      super("simulated crash at durable point " + point, null, false, false);
    }
  }

  /** Throws a {@link Crash} at the k-th durable point it hears of. */
  static final class CrashAt implements EngineListener {
    private final int k;
    final AtomicInteger points = new AtomicInteger();

    CrashAt(int k) {
      this.k = k;
    }

    private void point() {
      int p = points.getAndIncrement();
      if (p == k) {
        throw new Crash(p);
      }
    }

    @Override
    public void onAppended(long seq, EngineEvent event, EngineState state, String stateDigest) {
      point();
    }

    @Override
    public void beforeAction(String taskId, int attempt) {
      point();
    }

    @Override
    public void afterAction(String taskId, int attempt) {
      point();
    }
  }

  enum Scenario {
    SUCCEEDS(w -> {}, GateDecision.GO),
    NO_GO_AT_SECOND_GATE(w -> {}, GateDecision.NO_GO),
    VERIFY_FAILS_AFTER_POINT_OF_NO_RETURN(w -> w.failVerify.add("s17"), GateDecision.GO),
    UNDO_FAILS(
        w -> {
          w.failVerify.add("s17");
          w.failUndo.add("s09");
        },
        GateDecision.GO);

    final Consumer<World> setup;
    final GateDecision g2;

    Scenario(Consumer<World> setup, GateDecision g2) {
      this.setup = setup;
      this.g2 = g2;
    }
  }

  private static Engine engine(Scenario s, World world, MemoryRunLog log, int parallelism, EngineListener... listeners) {
    EngineBuilder b =
        Plans.bind(Engine.builder().plan(Plans.twenty()).runLog(log), world)
            .gate("g1", id -> Gates.result(GateDecision.GO, "fine"))
            .gate("g2", id -> Gates.result(s.g2, "as scripted"))
            .parallelism(parallelism);
    for (EngineListener l : listeners) {
      b.listener(l);
    }
    return b.build();
  }

  private static Map<String, Integer> counts(World w) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 1; i <= 17; i++) {
      String id = String.format("s%02d", i);
      m.put(id + ".applied", w.applied(id));
      m.put(id + ".undone", w.undone(id));
      m.put(id + ".compensated", w.compensations(id));
    }
    return m;
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void crashAtEveryDurablePoint_resumesToTheUninterruptedOutcome(Scenario scenario) {
    World refWorld = new World();
    scenario.setup.accept(refWorld);
    CrashAt counter = new CrashAt(-1);
    RunResult reference = engine(scenario, refWorld, new MemoryRunLog(), 1, counter).run();
    int points = counter.points.get();
    Map<String, Integer> expected = counts(refWorld);
    for (int i = 1; i <= 17; i++) {
      String id = String.format("s%02d", i);
      assertThat(expected.get(id + ".applied")).isLessThanOrEqualTo(1);
    }
    assertThat(points).isGreaterThan(60);

    for (int k = 0; k < points; k++) {
      World world = new World();
      scenario.setup.accept(world);
      MemoryRunLog log = new MemoryRunLog();
      int crashAt = k;
      assertThatThrownBy(() -> engine(scenario, world, log, 1, new CrashAt(crashAt)).run())
          .as("crash at point %d", k)
          .isInstanceOf(Crash.class);
      // A second crash during the resume, at a point that varies with k, before a clean resume.
      int second = (k * 7) % 11;
      try {
        engine(scenario, world, log, 1, new CrashAt(second)).run();
      } catch (Crash expectedCrash) {
        // the resumed engine died too; the next one picks up
      }
      RunResult result = engine(scenario, world, log, 1).run();

      assertThat(result.stateDigest()).as("state digest after crash at %d", k).isEqualTo(reference.stateDigest());
      assertThat(result.status()).isEqualTo(reference.status());
      assertThat(result.manual()).isEqualTo(reference.manual());
      assertThat(counts(world)).as("effects after crash at %d", k).isEqualTo(expected);
      assertThat(engine(scenario, world, log, 1).replay().consistent()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Scenario.class)
  void crashAtRandomPoints_withParallelTasks_resumesToTheUninterruptedOutcome(Scenario scenario) {
    World refWorld = new World();
    scenario.setup.accept(refWorld);
    RunResult reference = engine(scenario, refWorld, new MemoryRunLog(), 4).run();
    Map<String, Integer> expected = counts(refWorld);
    Random random = new Random(20261121L + scenario.ordinal());
    for (int trial = 0; trial < 40; trial++) {
      World world = new World();
      scenario.setup.accept(world);
      MemoryRunLog log = new MemoryRunLog();
      RunResult result = null;
      for (int session = 0; result == null; session++) {
        int k = session < 3 ? random.nextInt(60) : Integer.MAX_VALUE;
        try {
          result = engine(scenario, world, log, 4, new CrashAt(k)).run();
        } catch (Crash crash) {
          // resume in the next session
        }
      }
      assertThat(result.stateDigest()).isEqualTo(reference.stateDigest());
      assertThat(counts(world)).isEqualTo(expected);
      assertThat(engine(scenario, world, log, 4).replay().consistent()).isTrue();
    }
  }
}
