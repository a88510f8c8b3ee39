package io.orderflow.benchmarks.outbox;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import io.orderflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link OutboxBenchmark}: a tiny run of both contenders on the real broker and
 * PostgreSQL.
 */
class OutboxBenchmarkIntegrationTests {

	@Test
	void bothContendersDeliverEveryOrderOnceAsTheContractsJson() throws InterruptedException {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		BenchmarkSettings tiny = new BenchmarkSettings(1, 20, 100, 200, 4, 0, false);

		OutboxBenchmark.Report report = new OutboxBenchmark(
				new SharedInfrastructure(TestInfrastructure.shared().kafka(), TestInfrastructure.shared().postgres()),
				new PrintStream(output, true, StandardCharsets.UTF_8))
			.run(tiny);

		assertThat(report.figures()).extracting(Figures::contender)
			.containsExactlyInAnyOrder(Contender.Kind.RELAY, Contender.Kind.MODULITH);
		assertThat(report.figures()).allSatisfy((figures) -> {
			assertThat(figures.lost()).as("%s: orders never delivered", figures.contender()).isZero();
			assertThat(figures.duplicates()).as("%s: orders delivered twice", figures.contender()).isZero();
			assertThat(figures.malformed()).as("%s: records not {\"orderId\": key}", figures.contender()).isZero();
			assertThat(figures.writeTransactionsPerOrder())
				.as("%s: the order's own transaction writes", figures.contender())
				.isGreaterThanOrEqualTo(1.0);
		});
		assertThat(report.allDeliveredOnce()).isTrue();
		assertThat(output.toString(StandardCharsets.UTF_8)).contains("median  orderflow relay",
				"median  Spring Modulith", "ratio   modulith / relay");
	}

}
