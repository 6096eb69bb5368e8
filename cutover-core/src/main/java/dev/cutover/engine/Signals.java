package dev.cutover.engine;

import java.util.ArrayList;
import java.util.List;

/** Wake-ups for the scheduling loop from other threads: new readings and pushed trigger firings. */
final class Signals {
  private final Object lock;
  private boolean signaled;
  private final List<Fired> fired = new ArrayList<>();

  Signals(Object lock) {
    this.lock = lock;
  }

  record Fired(String trigger, String reason) {}

  void signal() {
    synchronized (lock) {
      signaled = true;
      lock.notifyAll();
    }
  }

  void fire(String trigger, String reason) {
    synchronized (lock) {
      fired.add(new Fired(trigger, reason));
      lock.notifyAll();
    }
  }

  boolean take() {
    synchronized (lock) {
      boolean s = signaled;
      signaled = false;
      return s;
    }
  }

  boolean pending() {
    synchronized (lock) {
      return signaled || !fired.isEmpty();
    }
  }

  List<Fired> fired() {
    synchronized (lock) {
      List<Fired> out = List.copyOf(fired);
      fired.clear();
      return out;
    }
  }
}
