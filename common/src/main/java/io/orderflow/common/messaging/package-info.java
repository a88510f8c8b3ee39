/**
 * The Kafka message contract shared by the api-service and the worker-service.
 */
package io.orderflow.common.messaging;
