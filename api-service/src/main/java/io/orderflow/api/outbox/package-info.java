/**
 * The transactional outbox: orders are queued in PostgreSQL with the order itself, and
 * relayed to Kafka by every api replica.
 */
package io.orderflow.api.outbox;
