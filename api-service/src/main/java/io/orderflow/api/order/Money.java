package io.orderflow.api.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * Money arithmetic of order lines.
 */
final class Money {

	/** Below the {@code numeric(19,4)} limit of stored totals. */
	static final BigDecimal MAX_TOTAL = new BigDecimal("999999999999999.9999");

	private Money() {
	}

	static BigDecimal total(List<OrderItemRequest> items) {
		return items.stream()
			.map((item) -> item.unitPrice().multiply(BigDecimal.valueOf(item.quantity())))
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/**
	 * Plain decimal without the trailing zeros of {@code numeric(19,4)}, but with at
	 * least two decimals.
	 */
	static String format(BigDecimal amount) {
		BigDecimal stripped = amount.stripTrailingZeros();
		return stripped.setScale(Math.max(2, stripped.scale())).toPlainString();
	}

}
