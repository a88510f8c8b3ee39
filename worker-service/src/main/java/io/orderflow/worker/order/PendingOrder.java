package io.orderflow.worker.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.common.order.OrderStatus;

/**
 * An order as the worker loads it, with its row locked.
 *
 * @param id order id
 * @param status current status
 * @param total total stored at intake
 * @param lines ordered lines
 * @param createdAt when the api accepted it
 */
record PendingOrder(UUID id, OrderStatus status, BigDecimal total, List<Line> lines, Instant createdAt) {

	/**
	 * One ordered line.
	 *
	 * @param sku stock keeping unit
	 * @param quantity units
	 * @param unitPrice price of one unit
	 */
	record Line(String sku, int quantity, BigDecimal unitPrice) {

	}

}
