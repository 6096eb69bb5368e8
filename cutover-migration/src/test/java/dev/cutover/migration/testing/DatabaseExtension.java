package dev.cutover.migration.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.TestAbortedException;

/** Backs {@link DatabaseTest}: one invocation per database, each with a fresh database. */
public final class DatabaseExtension implements TestTemplateInvocationContextProvider {
  /** The system property that turns a skipped database test into a failure. */
  public static final String REQUIRE_PROPERTY = "cutover.requireDatabases";

  private static final Map<TestDatabase, String> UNREACHABLE = new EnumMap<>(TestDatabase.class);
  private static final Map<TestDatabase, Boolean> PROBED = new EnumMap<>(TestDatabase.class);

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(m -> m.isAnnotationPresent(DatabaseTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(
      ExtensionContext context) {
    TestDatabase[] kinds = context.getRequiredTestMethod().getAnnotation(DatabaseTest.class).value();
    return Arrays.stream(kinds).map(Invocation::new);
  }

  /** True when tests must fail rather than skip on an unreachable server. */
  public static boolean required() {
    return Boolean.getBoolean(REQUIRE_PROPERTY) || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Returns null when the server is reachable, else the reason. Probes once per JVM and prints a
   * visible message the first time a server is found unreachable.
   */
  public static synchronized String unreachable(TestDatabase kind) {
    if (!PROBED.containsKey(kind)) {
      PROBED.put(kind, true);
      try (Connection c = FreshDatabase.admin(kind)) {
        c.isValid(3);
      } catch (SQLException e) {
        String why = kind.displayName() + " is unreachable (" + e.getMessage() + ")";
        UNREACHABLE.put(kind, why);
        if (!required()) {
          System.err.println(
              "WARNING: " + why + "; its tests are SKIPPED. Set -D" + REQUIRE_PROPERTY
                  + "=true (or CI=true) to make them fail instead.");
        }
      }
    }
    return UNREACHABLE.get(kind);
  }

  /** Creates a fresh database, or skips (or fails, when required) if its server is unreachable. */
  public static FreshDatabase open(TestDatabase kind) throws SQLException {
    String why = unreachable(kind);
    if (why != null) {
      if (required()) {
        throw new IllegalStateException(why + "; " + REQUIRE_PROPERTY + " is set, so this fails");
      }
      throw new TestAbortedException("skipped: " + why);
    }
    return FreshDatabase.create(kind);
  }

  private static final class Invocation implements TestTemplateInvocationContext {
    private final TestDatabase kind;

    Invocation(TestDatabase kind) {
      this.kind = kind;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return "[" + kind.displayName() + "]";
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(new Resolver(kind));
    }
  }

  private static final class Resolver implements ParameterResolver {
    private static final ExtensionContext.Namespace NS =
        ExtensionContext.Namespace.create(DatabaseExtension.class);
    private final TestDatabase kind;

    Resolver(TestDatabase kind) {
      this.kind = kind;
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
      Class<?> t = p.getParameter().getType();
      return t == FreshDatabase.class || t == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
      if (p.getParameter().getType() == TestDatabase.class) {
        return kind;
      }
      return c.getStore(NS)
          .getOrComputeIfAbsent(
              "db",
              k -> {
                try {
                  return new Closing(open(kind));
                } catch (SQLException e) {
                  throw new IllegalStateException(
                      "could not create a fresh " + kind.displayName() + " database: " + e, e);
                }
              },
              Closing.class)
          .db;
    }
  }

  /** Drops the database when JUnit closes the store at the end of the invocation. */
  private static final class Closing implements AutoCloseable {
    final FreshDatabase db;

    Closing(FreshDatabase db) {
      this.db = db;
    }

    @Override
    public void close() throws SQLException {
      db.close();
    }
  }
}
