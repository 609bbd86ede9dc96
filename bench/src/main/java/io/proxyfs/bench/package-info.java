/** Benchmarks of the project's building blocks (JMH); see bench/README.md for how to run them. */
package io.proxyfs.bench;
