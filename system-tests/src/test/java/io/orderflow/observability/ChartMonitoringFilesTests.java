package io.orderflow.observability;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.orderflow.observability.ChartMonitoringFiles.Query;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of {@link ChartMonitoringFiles}: the chart's dashboard and rules are found from
 * this module and read down to their queries, so that
 * {@link DashboardAndAlertsIntegrationTests} checks all of them.
 */
class ChartMonitoringFilesTests {

	@Test
	void everyAlertOfTheRulesIsReadWithoutHelmsActions() {
		List<Query> alerts = ChartMonitoringFiles.alertExpressions();
		assertThat(alerts).extracting(Query::source)
			.containsExactly("alert OrderflowConsumerLagGrowing", "alert OrderflowOutboxStalled",
					"alert OrderflowDeadLetters", "alert OrderflowDeadLetterPublishFailures",
					"alert OrderflowStuckOrders", "alert OrderflowCleanupNotCompleted");
		assertThat(alerts).extracting(Query::expression).noneMatch((expr) -> expr.contains("{{"));
		assertThat(names(alerts)).containsExactlyInAnyOrder("orderflow_consumer_group_lag",
				"orderflow_outbox_oldest_age_seconds", "orderflow_orders_dead_lettered_total",
				"orderflow_orders_dead_letter_failures_total", "orderflow_reconcile_stuck",
				"orderflow_cleanup_last_completed_seconds", "process_start_time_seconds");
	}

	@Test
	void everyPanelQueryAndTheNamespaceVariableOfTheDashboardAreRead() {
		List<Query> queries = ChartMonitoringFiles.dashboardQueries();
		assertThat(queries).extracting(Query::source).contains("variable namespace");
		assertThat(queries).hasSizeGreaterThan(20);
		assertThat(names(queries))
			.contains("orderflow_intake_requests_total", "orderflow_orders_processed_total", "orderflow_consumer_lag",
					"orderflow_consumer_group_lag", "orderflow_orders_end_to_end_seconds_bucket",
					"orderflow_orders_end_to_end_seconds_count", "http_server_requests_seconds_bucket",
					"orderflow_outbox_oldest_age_seconds", "orderflow_outbox_backlog",
					"orderflow_outbox_latency_seconds_bucket", "orderflow_orders_dead_lettered_total",
					"orderflow_orders_dead_letter_failures_total", "orderflow_reconcile_stuck",
					"orderflow_reconcile_found_total", "orderflow_cleanup_run_seconds_count",
					"orderflow_cleanup_last_completed_seconds", "orderflow_cleanup_deleted_total",
					"orderflow_cleanup_batch_rows_sum", "orderflow_orders_batch_size_sum",
					"orderflow_orders_batch_size_count", "orderflow_orders_batch_duration_seconds_sum",
					"orderflow_orders_batch_duration_seconds_count")
			.allMatch((name) -> name.startsWith("orderflow_") || name.startsWith("http_server_requests_"));
	}

	private static Set<String> names(List<Query> queries) {
		Set<String> names = new LinkedHashSet<>();
		queries.forEach((query) -> names.addAll(PromQl.metricNames(query.expression())));
		return names;
	}

}
