/**
 * Health of the Kafka listener containers.
 */
package io.orderflow.worker.health;
