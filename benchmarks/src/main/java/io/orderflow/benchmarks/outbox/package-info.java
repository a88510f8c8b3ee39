/**
 * Side-by-side benchmark of the api-service's outbox relay against the Spring Modulith
 * event publication registry with Kafka externalization, on one real broker and one
 * PostgreSQL server.
 */
package io.orderflow.benchmarks.outbox;
