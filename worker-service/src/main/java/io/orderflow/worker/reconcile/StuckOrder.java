package io.orderflow.worker.reconcile;

import java.time.Instant;
import java.util.UUID;

/**
 * An order found non-terminal for longer than {@code stuck-after}.
 *
 * @param id the order
 * @param status its status, {@code PENDING} or {@code PROCESSING}
 * @param reconcileCount how often it was re-driven before
 * @param idempotencyKey the client's key, carried on the re-driven record like on the original
 * @param since when it last changed
 */
record StuckOrder(UUID id, String status, int reconcileCount, String idempotencyKey, Instant since) {

}
