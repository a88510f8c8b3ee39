/**
 * The safety net: orders left non-terminal too long are re-driven through Kafka, and
 * after too many tries marked {@code FAILED} for an operator.
 */
package io.orderflow.worker.reconcile;
