/**
 * Real infrastructure without Docker for tests and the local run: a Kafka broker process,
 * PostgreSQL (external or embedded), and the {@code ./orderflow} commands.
 */
package io.orderflow.localstack;
