/**
 * Retrying transient failures with exponential backoff, pausing the consumer instead of
 * sleeping.
 */
package io.orderflow.worker.retry;
