package dev.cutover.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a JUnit 5 test class (or method) as a Cutover test. Its test methods and lifecycle
 * methods may declare parameters of these types, each fresh for every test:
 *
 * <ul>
 *   <li>{@link TestDatabase}: an empty database of the chosen {@link #database()} kind, dropped
 *       after the test;
 *   <li>{@link TestClock}: a clock that stands at {@link TestClock#DEFAULT_START} until the test
 *       moves it;
 *   <li>{@link dev.cutover.audit.AuditLog}: an empty in-memory audit log stamped by that clock.
 * </ul>
 *
 * <pre>{@code
 * @CutoverTest(database = DatabaseKind.FROM_ENVIRONMENT)
 * class AccountsMigrationTest {
 *   @Test
 *   void addCurrency_isIdempotent(TestDatabase db) {
 *     CutoverAssertions.assertIdempotent(db, Migrations.ADD_CURRENCY);
 *   }
 * }
 * }</pre>
 *
 * A method-level annotation overrides the class-level one.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(CutoverExtension.class)
public @interface CutoverTest {
  /**
   * Which database each test gets.
   *
   * @return the kind; H2 by default
   */
  DatabaseKind database() default DatabaseKind.H2;
}
