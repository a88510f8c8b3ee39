/**
 * {@code ./orderflow bench}: the outbox relay's latency against a plain Kafka producer's,
 * on a local stack of its own.
 */
package io.orderflow.benchmarks.relay;
