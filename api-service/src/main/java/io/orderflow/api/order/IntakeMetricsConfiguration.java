package io.orderflow.api.order;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link SubmissionOutcomes} ahead of the security filters, so that refused
 * credentials are counted too.
 */
@Configuration(proxyBeanMethods = false)
class IntakeMetricsConfiguration {

	/** Before Spring Security's chain (-100), after the HTTP observation filter. */
	static final int ORDER = -200;

	@Bean
	FilterRegistrationBean<SubmissionOutcomes> submissionOutcomes(MeterRegistry meters) {
		FilterRegistrationBean<SubmissionOutcomes> registration = new FilterRegistrationBean<>(
				new SubmissionOutcomes(meters));
		registration.setOrder(ORDER);
		registration.addUrlPatterns("/orders");
		return registration;
	}

}
