package io.orderflow.api.order;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Money}.
 */
class MoneyTests {

	@Test
	void totalIsTheSumOfQuantityTimesUnitPrice() {
		BigDecimal total = Money.total(List.of(new OrderItemRequest("A", 2, new BigDecimal("9.99")),
				new OrderItemRequest("B", 3, new BigDecimal("0.1234"))));

		assertThat(total).isEqualByComparingTo("20.3502");
	}

	@Test
	void storedAmountsAreShownWithoutPaddingZerosButWithTwoDecimals() {
		assertThat(Money.format(new BigDecimal("19.9800"))).isEqualTo("19.98");
		assertThat(Money.format(new BigDecimal("20.0000"))).isEqualTo("20.00");
		assertThat(Money.format(new BigDecimal("0.1234"))).isEqualTo("0.1234");
		assertThat(Money.format(new BigDecimal("1000000.0000"))).isEqualTo("1000000.00");
	}

}
