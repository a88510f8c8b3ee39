package io.orderflow.worker.order;

import java.util.Map;
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
	 * @param reason why, for the customer and the operator: a bounded summary
	 * @param detail everything the summary leaves out, such as the full list of unknown
	 * SKUs, for the audit row
	 */
	record Rejected(String reason, Map<String, Object> detail) implements Outcome {

		public Rejected {
			detail = Map.copyOf(detail);
		}

		@Override
		public OrderStatus status() {
			return OrderStatus.REJECTED;
		}

	}

}
