package io.orderflow.api.order;

import java.math.BigDecimal;
import java.util.Collections;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link OrderLimits}.
 */
class OrderLimitsTests {

	private final OrderLimits limits = new OrderLimits(3);

	@Test
	void ordersUpToTheItemLimitPass() {
		assertThatCode(() -> this.limits.check(order(3, 1, "9.99"))).doesNotThrowAnyException();
	}

	@Test
	void oneItemOverTheLimitIsRejectedNamingTheField() {
		assertThatExceptionOfType(InvalidOrderException.class).isThrownBy(() -> this.limits.check(order(4, 1, "9.99")))
			.satisfies((ex) -> org.assertj.core.api.Assertions.assertThat(ex.getBody().getProperties())
				.extractingByKey("errors")
				.asString()
				.contains("field=items", "at most 3 items"));
	}

	@Test
	void totalThatWouldOverflowTheDatabaseIsRejected() {
		assertThatExceptionOfType(InvalidOrderException.class)
			.isThrownBy(() -> new OrderLimits(100).check(order(100, 1_000_000, "999999999")))
			.withMessageContaining("400");
	}

	private static SubmitOrderRequest order(int lines, int quantity, String unitPrice) {
		return new SubmitOrderRequest("c", "EUR",
				Collections.nCopies(lines, new OrderItemRequest("A", quantity, new BigDecimal(unitPrice))));
	}

}
