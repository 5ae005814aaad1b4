/**
 * The servers the backend benchmarks measure against: the one named by an environment variable, else a real
 * server started from the binaries of a Maven Central artifact for the length of one JMH trial.
 */
@NullMarked
package dev.snapshotstore.benchmarks.servers;

import org.jspecify.annotations.NullMarked;
