package io.orderflow.api.order;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * One line of an order.
 *
 * @param sku stock keeping unit
 * @param quantity how many, at least one
 * @param unitPrice price of one unit, zero or more
 */
record OrderItemRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = TextRules.NO_CONTROL_CHARACTERS,
				message = TextRules.NO_CONTROL_CHARACTERS_MESSAGE) String sku,
		@NotNull @Positive @Max(1_000_000) Integer quantity,
		@NotNull @DecimalMin("0") @Amount(integer = 9, fraction = 4) BigDecimal unitPrice) {

	OrderItemRequest {
		// Zero is zero, however it was written: 0E-2147483647 would break the arithmetic
		// and the column.
		if (unitPrice != null && unitPrice.signum() == 0) {
			unitPrice = BigDecimal.ZERO;
		}
	}

}
