/**
 * Real infrastructure without Docker: a Kafka broker in its own JVM, PostgreSQL (external
 * or embedded), the services as child processes, and the demo inventory. Shared by the
 * tests, the local run and the benchmarks.
 */
package io.orderflow.infrastructure;
