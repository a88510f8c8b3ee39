/**
 * The outbox relay's latency against a plain Kafka producer's, on a running local stack:
 * a section of {@code ./orderflow bench}.
 */
package io.orderflow.benchmarks.relay;
