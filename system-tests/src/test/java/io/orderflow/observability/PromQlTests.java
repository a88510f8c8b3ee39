package io.orderflow.observability;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link PromQl}.
 */
class PromQlTests {

	@Test
	void functionsAggregationsAndLabelsOfMatchersAndGroupingAreNoMetricNames() {
		assertThat(PromQl.metricNames(
				"sum by (outcome) (rate(orderflow_intake_requests_total{outcome=\"accepted\", namespace=~\"$namespace\"}[5m]))"))
			.containsExactly("orderflow_intake_requests_total");
		assertThat(PromQl.metricNames(
				"histogram_quantile(0.99, sum by (le, status) (rate(orderflow_orders_end_to_end_seconds_bucket{le=\"0.25\"}[$__rate_interval])))"))
			.containsExactly("orderflow_orders_end_to_end_seconds_bucket");
	}

	@Test
	void operandsOfBinaryOperatorsSubqueriesAndOffsetsAreEachNamedOnce() {
		assertThat(PromQl.metricNames("max(lag_total) > 1e3 and deriv(max(lag_total)[10m:1m]) > 0"))
			.containsExactly("lag_total");
		assertThat(PromQl.metricNames(
				"sum(increase(dead_total[10m])) > 0 or count((dead_total > 0) unless dead_total offset 10m) > 0"))
			.containsExactly("dead_total");
		assertThat(PromQl.metricNames(
				"time() - max(last_completed_seconds) > 7200 or max(time() - process_start_time_seconds{application=\"w\"}) > 7200"))
			.containsExactly("last_completed_seconds", "process_start_time_seconds");
		assertThat(PromQl.metricNames("a_sum / on (table) group_left (x) b_count * 60")).containsExactly("a_sum",
				"b_count");
	}

	@Test
	void grafanasLabelValuesNamesTheMetricNotTheLabel() {
		assertThat(PromQl.metricNames("label_values(orderflow_orders_processed_total, namespace)"))
			.containsExactly("orderflow_orders_processed_total");
	}

}
