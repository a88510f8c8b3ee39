package io.orderflow.worker.order;

import java.util.SortedMap;

import io.orderflow.common.order.OrderStatus;

/**
 * What processing decided for one order.
 */
sealed interface Outcome {

	OrderStatus status();

	/**
	 * Stock was reserved for every line.
	 *
	 * @param reserved units reserved per SKU
	 */
	record Completed(SortedMap<String, Long> reserved) implements Outcome {

		@Override
		public OrderStatus status() {
			return OrderStatus.COMPLETED;
		}

	}

	/**
	 * A business rule refused the order; nothing was reserved.
	 *
	 * @param reason why, for the customer and the operator
	 */
	record Rejected(String reason) implements Outcome {

		@Override
		public OrderStatus status() {
			return OrderStatus.REJECTED;
		}

	}

}
