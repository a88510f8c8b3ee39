package io.orderflow.api.order;

import java.util.UUID;

import io.orderflow.common.order.OrderStatus;

/**
 * Answer to an accepted order.
 *
 * @param id the order id, also in the {@code Location} header
 * @param status always {@code PENDING} on acceptance
 */
record SubmittedOrder(UUID id, OrderStatus status) {

}
