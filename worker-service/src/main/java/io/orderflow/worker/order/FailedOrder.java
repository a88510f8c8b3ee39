package io.orderflow.worker.order;

import java.util.UUID;

/**
 * An order that cannot be processed and needs an operator: it becomes {@code FAILED}.
 *
 * @param orderId the order
 * @param reason why, in words an operator can act on
 * @param exception the failure's exception class, or null
 * @param deadLetter where its record is on the dead-letter topic
 * ({@code <topic>-<partition>@<offset>}), or null
 */
public record FailedOrder(UUID orderId, String reason, String exception, String deadLetter) {

}
