/**
 * The periodic cleanup: old audit rows, expired idempotency keys and published outbox
 * rows, deleted in short batches by exactly one worker per tick (ShedLock), fenced by the
 * lock's lease.
 */
package io.orderflow.worker.cleanup;
