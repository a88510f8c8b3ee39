package io.orderflow.api.order;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every {@code POST /orders} by how it was answered, as
 * {@code orderflow.intake.requests{outcome}}: {@code accepted}, {@code replayed} (an
 * {@code Idempotency-Key} answered with its earlier order), {@code rejected_invalid} (a
 * 4xx problem for the request itself), {@code unauthorized}, {@code conflict} (its key is
 * in flight), {@code unavailable} (503: nothing stored or outcome unknown) and
 * {@code error}. Reads the answer, so every path to it counts, the security filters'
 * included.
 */
class SubmissionOutcomes extends OncePerRequestFilter {

	private final MeterRegistry meters;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	SubmissionOutcomes(MeterRegistry meters) {
		this.meters = meters;
		for (String outcome : new String[] { "accepted", "replayed", "rejected_invalid", "unavailable" }) {
			counter(outcome);
		}
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !HttpMethod.POST.matches(request.getMethod()) || !"/orders".equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			counter(outcome(response.getStatus(), response.getHeader(OrderController.IDEMPOTENT_REPLAYED))).increment();
		}
	}

	static String outcome(int status, String replayedHeader) {
		if (status >= 200 && status < 300) {
			return "true".equals(replayedHeader) ? "replayed" : "accepted";
		}
		return switch (status) {
			case 401, 403 -> "unauthorized";
			case 409 -> "conflict";
			case 503 -> "unavailable";
			default -> (status >= 400 && status < 500) ? "rejected_invalid" : "error";
		};
	}

	private Counter counter(String outcome) {
		return this.counters.computeIfAbsent(outcome,
				(name) -> Counter.builder("orderflow.intake.requests")
					.description("POST /orders requests, by how they were answered")
					.tag("outcome", name)
					.register(this.meters));
	}

}
