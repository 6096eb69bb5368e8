package dev.cutover.testkit;

import dev.cutover.audit.AuditLog;
import java.lang.reflect.AnnotatedElement;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link CutoverTest}: resolves {@link TestDatabase}, {@link
 * TestClock} and {@link AuditLog} parameters, one of each per test (shared by the test's
 * {@code @BeforeEach} methods and the test itself), and closes them after the test. Registered by
 * {@link CutoverTest}; may also be registered with {@code @ExtendWith}. Stateless and thread-safe.
 */
public final class CutoverExtension implements ParameterResolver, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(CutoverExtension.class);

  /** Creates the extension; JUnit does this. */
  public CutoverExtension() {}

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == TestDatabase.class || type == TestClock.class || type == AuditLog.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    if (context.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(
          "cutover test resources are per test: declare " + parameter.getParameter().getType().getSimpleName()
              + " on a test or @BeforeEach method, not on a constructor or @BeforeAll");
    }
    Class<?> type = parameter.getParameter().getType();
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (type == TestDatabase.class) {
      return store.getOrComputeIfAbsent(
          TestDatabase.class, k -> TestDatabase.open(kind(context)), TestDatabase.class);
    }
    TestClock clock = store.getOrComputeIfAbsent(TestClock.class, k -> TestClock.start(), TestClock.class);
    if (type == TestClock.class) {
      return clock;
    }
    return store.getOrComputeIfAbsent(AuditLog.class, k -> AuditLog.inMemory(clock), AuditLog.class);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    AuditLog log = store.remove(AuditLog.class, AuditLog.class);
    TestDatabase db = store.remove(TestDatabase.class, TestDatabase.class);
    store.remove(TestClock.class, TestClock.class);
    try {
      if (log != null) {
        log.close();
      }
    } finally {
      if (db != null) {
        db.close();
      }
    }
  }

  static DatabaseKind kind(ExtensionContext context) {
    Optional<ExtensionContext> c = Optional.of(context);
    while (c.isPresent()) {
      Optional<AnnotatedElement> element = c.get().getElement();
      if (element.isPresent()) {
        CutoverTest a = element.get().getAnnotation(CutoverTest.class);
        if (a != null) {
          return a.database();
        }
      }
      c = c.get().getParent();
    }
    return DatabaseKind.H2;
  }
}
