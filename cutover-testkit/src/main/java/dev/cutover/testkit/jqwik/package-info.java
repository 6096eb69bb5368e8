/**
 * jqwik arbitraries for Cutover: random plans (DAGs with gates), random rows for a table schema
 * and random crash schedules, each shrinking towards a minimal failing case.
 */
package dev.cutover.testkit.jqwik;
