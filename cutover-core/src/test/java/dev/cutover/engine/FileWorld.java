package dev.cutover.engine;

import dev.cutover.gate.GateDecision;
import dev.cutover.gate.GateResult;
import dev.cutover.engine.spi.TaskAction;
import dev.cutover.engine.spi.TaskContext;
import dev.cutover.engine.spi.Undo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Effects that survive {@code kill -9}: applying a task atomically creates {@code
 * effects/<task>.<uuid>}; undoing it atomically moves that file to {@code undone/}. Counting the
 * files says how often each effect was applied and undone.
 */
final class FileWorld {
  private final Path effects;
  private final Path undone;

  FileWorld(Path dir) {
    this.effects = dir.resolve("effects");
    this.undone = dir.resolve("undone");
    try {
      Files.createDirectories(effects);
      Files.createDirectories(undone);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<String> files(Path d, String task) {
    try (Stream<Path> s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(task + ".")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int applied(String task) {
    return files(effects, task).size() + files(undone, task).size();
  }

  int undone(String task) {
    return files(undone, task).size();
  }

  boolean present(String task) {
    return !files(effects, task).isEmpty();
  }

  TaskAction action(String task, long millis) {
    return new TaskAction() {
      @Override
      public Map<String, Object> apply(TaskContext context) throws Exception {
        Thread.sleep(millis);
        Path tmp = effects.resolve("tmp-" + UUID.randomUUID());
        Files.writeString(tmp, task);
        Files.move(tmp, effects.resolve(task + "." + UUID.randomUUID()), StandardCopyOption.ATOMIC_MOVE);
        return Map.of("task", task);
      }

      @Override
      public boolean isApplied(TaskContext context) {
        return present(task);
      }

      @Override
      public Undo undo() {
        return Undo.inverse(
            ctx -> {
              Thread.sleep(millis);
              for (String name : files(effects, task)) {
                Files.move(effects.resolve(name), undone.resolve(name), StandardCopyOption.ATOMIC_MOVE);
              }
              return Map.of("task", task);
            });
      }
    };
  }

  /** The twenty-task plan over this world; s15 is irreversible, so it is compensated by inverse too. */
  Engine engine(dev.cutover.audit.AuditLog log, boolean noGo, long millis) {
    EngineBuilder b = Engine.builder().plan(Plans.twenty()).log(log).parallelism(3);
    for (int i = 1; i <= 17; i++) {
      String id = String.format("s%02d", i);
      TaskAction a = action(id, millis);
      if (i == 15) {
        b.action(id, compensated(a));
      } else {
        b.action(id, a);
      }
    }
    return b.gate("g1", id -> Gates.result(GateDecision.GO, "fine"))
        .gate("g2", id -> Gates.result(noGo ? GateDecision.NO_GO : GateDecision.GO, "as scripted"))
        .build();
  }

  private TaskAction compensated(TaskAction a) {
    return new TaskAction() {
      @Override
      public Map<String, Object> apply(TaskContext context) throws Exception {
        return a.apply(context);
      }

      @Override
      public boolean isApplied(TaskContext context) throws Exception {
        return a.isApplied(context);
      }

      @Override
      public Undo undo() {
        return Undo.impossible("recall what s15 sent");
      }
    };
  }
}
