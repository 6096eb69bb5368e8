/**
 * The {@code cutover} command line. Exit status: 0 success, 1 a verification failed, 2 bad usage
 * or bad input.
 */
package dev.cutover.cli;
