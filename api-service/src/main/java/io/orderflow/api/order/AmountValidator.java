package io.orderflow.api.order;

import java.math.BigDecimal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Validates {@link Amount} with {@code long} arithmetic on precision and scale, which
 * cannot overflow, and without any arithmetic on the value itself, which could. Null is
 * left to {@code @NotNull}. Public, because validator factories outside Spring
 * instantiate it reflectively.
 */
public class AmountValidator implements ConstraintValidator<Amount, BigDecimal> {

	/**
	 * Significant digits as written, trailing zeros included, beyond which a value is
	 * refused outright.
	 */
	static final int MAX_WRITTEN_DIGITS = 64;

	private int maxInteger;

	private int maxFraction;

	@Override
	public void initialize(Amount amount) {
		this.maxInteger = amount.integer();
		this.maxFraction = amount.fraction();
	}

	@Override
	public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		// A zero's scale says nothing about its size (0E+2147483647 is zero); zero always
		// fits.
		if (value.signum() == 0) {
			return true;
		}
		// No price needs this many digits, even with trailing zeros; stripping them would
		// cost time.
		if (value.precision() > MAX_WRITTEN_DIGITS) {
			return false;
		}
		// Trailing zeros are not significant: 1.50000 has two decimals, 100 three integer
		// digits.
		long precision = value.precision();
		long scale = value.scale();
		long integerDigits = Math.max(0, precision - scale);
		long fractionDigits = fractionDigits(value);
		return integerDigits <= this.maxInteger && fractionDigits <= this.maxFraction;
	}

	/**
	 * Decimals that are not trailing zeros; huge scales are returned as they are, not
	 * stripped.
	 */
	private static long fractionDigits(BigDecimal value) {
		if (value.scale() <= 0) {
			return 0;
		}
		if (value.scale() > MAX_WRITTEN_DIGITS) {
			return value.scale();
		}
		return Math.max(0, value.stripTrailingZeros().scale());
	}

}
