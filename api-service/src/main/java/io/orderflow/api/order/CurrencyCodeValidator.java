package io.orderflow.api.order;

import java.util.Currency;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Validates {@link CurrencyCode}. Null is left to {@code @NotNull}. Public, because
 * validator factories outside Spring instantiate it reflectively.
 */
public class CurrencyCodeValidator implements ConstraintValidator<CurrencyCode, String> {

	private static final Set<String> CODES = Currency.getAvailableCurrencies()
		.stream()
		.map(Currency::getCurrencyCode)
		.collect(Collectors.toUnmodifiableSet());

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		return value == null || CODES.contains(value);
	}

}
