package io.orderflow.api.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One claimed outbox row.
 *
 * @param id position in the outbox, in commit order for practical purposes
 * @param orderId the order to announce
 * @param idempotencyKey the client's key, or null
 * @param createdAt when the order was stored
 * @param traceParent the W3C trace context of the request that stored it, or null
 */
record OutboxEntry(long id, UUID orderId, String idempotencyKey, Instant createdAt, String traceParent) {

}
