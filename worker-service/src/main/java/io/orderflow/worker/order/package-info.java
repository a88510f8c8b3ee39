/**
 * Order processing: stock reservation in batches that share one transaction.
 */
package io.orderflow.worker.order;
