/**
 * {@code ./orderflow bench}: the whole pipeline against its anchors (one order per
 * transaction in plain JDBC and pgbench, Kafka's own producer and consumer), on a local
 * stack of its own, with a report and charts.
 */
package io.orderflow.benchmarks.pipeline;
