package io.orderflow.api.order;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated decimal has at most {@link #integer()} digits before the point and
 * {@link #fraction()} after it. Unlike {@code @Digits}, whose {@code int} arithmetic
 * overflows for exponents such as {@code 1e2147483647} and lets them through, it holds
 * for every value a JSON number can express.
 */
@Documented
@Constraint(validatedBy = AmountValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@interface Amount {

	String message() default "must have at most {integer} integer digits and {fraction} decimals";

	int integer();

	int fraction();

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
