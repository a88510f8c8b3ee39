package io.orderflow.worker.order;

import java.util.UUID;

import io.orderflow.worker.dlt.RawPayload;

/**
 * An {@code orders} record value as the worker received it: the parsed order id and the bytes it
 * came as, so a dead letter carries exactly what the producer sent.
 *
 * @param orderId the order to process
 * @param payload the record value, unchanged
 */
public record ReceivedOrder(UUID orderId, byte[] payload) implements RawPayload {

}
