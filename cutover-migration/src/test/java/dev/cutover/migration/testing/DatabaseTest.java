package dev.cutover.migration.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test once per database in {@link #value()} (default: H2, PostgreSQL and MariaDB), each
 * time with a {@link FreshDatabase} parameter that is dropped afterwards. The display name of each
 * run names its database, e.g. {@code [PostgreSQL]}.
 *
 * <p>A server that is unreachable makes its run skip with a message, unless the system property
 * {@code cutover.requireDatabases} is {@code true} (CI sets it), in which case the run fails.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DatabaseExtension.class)
public @interface DatabaseTest {
  /** The databases to run on. */
  TestDatabase[] value() default {TestDatabase.H2, TestDatabase.POSTGRESQL, TestDatabase.MARIADB};
}
