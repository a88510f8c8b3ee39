package io.orderflow.api.order;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.common.order.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * An order as {@code GET /orders/{id}} shows it. Money is a decimal string, as in the
 * request.
 *
 * @param id order id
 * @param customerId who ordered
 * @param currency ISO 4217 code
 * @param total sum of the lines
 * @param status where the order is in its lifecycle
 * @param rejectionReason why it was rejected, or null
 * @param failureReason why it is {@code FAILED}, for the operator who must act on it, or
 * null
 * @param deadLetter where its record went on the dead-letter topic
 * ({@code <topic>-<partition>@<offset>}, or {@code <topic>-<partition> key <id>} when
 * only its partition is known), or null
 * @param idempotencyKey the {@code Idempotency-Key} of the request that created it, or
 * null
 * @param createdAt when it was accepted
 * @param updatedAt when its status last changed
 * @param items the ordered lines
 * @param history its audit trail, oldest first
 */
record OrderView(UUID id, String customerId, String currency, String total, OrderStatus status, String rejectionReason,
		String failureReason, String deadLetter, String idempotencyKey, Instant createdAt, Instant updatedAt,
		List<Item> items, List<HistoryEntry> history) {

	/**
	 * One ordered line.
	 *
	 * @param sku stock keeping unit
	 * @param quantity units ordered
	 * @param unitPrice price of one unit
	 */
	record Item(String sku, int quantity, String unitPrice) {

	}

	/**
	 * One audit event.
	 *
	 * @param event what happened, such as {@code CREATED} or {@code COMPLETED}
	 * @param at when
	 * @param detail event data
	 */
	record HistoryEntry(String event, Instant at, @Schema(implementation = Object.class, types = "object",
			description = "event data, a JSON object whose fields depend on the event") JsonNode detail) {

	}

}
