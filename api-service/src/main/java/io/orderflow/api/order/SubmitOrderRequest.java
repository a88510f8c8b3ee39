package io.orderflow.api.order;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /orders}.
 *
 * @param customerId who orders
 * @param currency ISO 4217 code of the prices
 * @param items what is ordered, at least one line and at most
 * {@code orderflow.orders.max-items}
 */
record SubmitOrderRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = TextRules.NO_CONTROL_CHARACTERS,
				message = TextRules.NO_CONTROL_CHARACTERS_MESSAGE) String customerId,
		@NotNull @CurrencyCode String currency, @NotEmpty List<@NotNull @Valid OrderItemRequest> items) {

}
