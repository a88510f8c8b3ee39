/**
 * Kafka consumers that process orders.
 */
package io.orderflow.worker;
