/**
 * The dead-letter topic: records that cannot be processed go there with full diagnostics
 * and their original key and bytes.
 */
package io.orderflow.worker.dlt;
