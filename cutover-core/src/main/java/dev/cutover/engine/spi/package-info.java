/**
 * What a host plugs into the engine: task actions and their undo, snapshot providers, leases,
 * gate evaluators, rollback triggers and rollback authorisation.
 *
 * <p>Every interface here is small and has default methods where a sensible default exists, so
 * that adding a method later never breaks an implementor.
 */
package dev.cutover.engine.spi;
