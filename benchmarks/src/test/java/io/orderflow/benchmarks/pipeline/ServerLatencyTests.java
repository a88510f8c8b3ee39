package io.orderflow.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServerLatency}: percentiles of the end-to-end latencies read from the
 * database.
 */
class ServerLatencyTests {

	@Test
	void percentilesAreTheNearestRankOfTheLatencies() {
		List<Double> millis = new ArrayList<>();
		for (int i = 200; i >= 1; i--) {
			millis.add((double) i);
		}

		ServerLatency latency = ServerLatency.of(millis, 3);

		assertThat(latency).isEqualTo(new ServerLatency(200, 3, 100, 198, 200));
	}

	@Test
	void oneOrderIsItsOwnMedianPercentileAndMaximum() {
		assertThat(ServerLatency.of(List.of(42.5), 0)).isEqualTo(new ServerLatency(1, 0, 42.5, 42.5, 42.5));
	}

	@Test
	void withoutFinishedOrdersThePercentilesAreNotANumber() {
		ServerLatency latency = ServerLatency.of(List.of(), 7);

		assertThat(latency.orders()).isZero();
		assertThat(latency.unfinished()).isEqualTo(7);
		assertThat(latency.p50Ms()).isNaN();
		assertThat(latency.maxMs()).isNaN();
	}

}
