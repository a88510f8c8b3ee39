package io.orderflow.api.order;

/**
 * Limits of an order that depend on configuration or on several fields, checked after
 * bean validation.
 */
record OrderLimits(int maxItems) {

	void check(SubmitOrderRequest request) {
		if (request.items().size() > this.maxItems) {
			throw new InvalidOrderException("items", "must have at most " + this.maxItems + " items");
		}
		if (Money.total(request.items()).compareTo(Money.MAX_TOTAL) > 0) {
			throw new InvalidOrderException("items", "order total must not exceed " + Money.MAX_TOTAL.toPlainString());
		}
	}

}
