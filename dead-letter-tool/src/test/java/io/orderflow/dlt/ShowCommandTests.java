package io.orderflow.dlt;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import static io.orderflow.dlt.DeadLetterFixture.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ShowCommand}.
 */
class ShowCommandTests {

	private final StringWriter output = new StringWriter();

	private final ShowCommand command = new ShowCommand(new PrintWriter(this.output, true));

	@Test
	void showPrintsEveryHeaderWithNumbersDecoded() {
		this.command.accept(deadLetter().topic("orders-dlt").at(2, 17).build());

		assertThat(output()).startsWith("""
				orders-dlt-2@17
				  timestamp: 2026-11-23T10:00:00Z
				  key: order-1
				  headers:
				    traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01
				    kafka_dlt-exception-fqcn: org.springframework.kafka.listener.ListenerExecutionFailedException
				    kafka_dlt-exception-cause-fqcn: java.lang.IllegalStateException
				    kafka_dlt-exception-message: Listener failed; Unknown order id order-1
				""");
		assertThat(output()).contains("""
				    kafka_dlt-original-topic: orders
				    kafka_dlt-original-partition: 2
				    kafka_dlt-original-offset: 17
				    kafka_dlt-original-timestamp: 1795427998000 (2026-11-23T09:59:58Z)
				    kafka_dlt-original-timestamp-type: CreateTime
				    kafka_dlt-original-consumer-group: orderflow-workers
				    orderflow-dlt-attempts: 3
				    orderflow-dlt-worker: worker-1
				  value (21 bytes, UTF-8): {"orderId":"order-1"}
				""");
	}

	@Test
	void showPrintsTheStackTraceInFull() {
		this.command.accept(deadLetter().build());

		StringBuilder indented = new StringBuilder("    kafka_dlt-exception-stacktrace:\n");
		DeadLetterFixture.STACK_TRACE.lines().forEach((line) -> indented.append("      ").append(line).append('\n'));
		assertThat(output()).contains(indented);
	}

	@Test
	void showPrintsValuesThatAreNotTextAsHex() {
		byte[] binary = new byte[40];
		binary[0] = (byte) 0xff;
		binary[39] = 0x7b;

		this.command.accept(deadLetter().value(binary).build());

		assertThat(output()).contains("  value (40 bytes, not UTF-8 text, hex):\n    ff 00 00",
				"00 00\n    00 00 00 00 00 00 00 7b\n");
	}

	@Test
	void showTreatsControlCharactersAsBinary() {
		this.command.accept(deadLetter().value(new byte[] { 'o', 'k', 0x00 }).build());

		assertThat(output()).contains("  value (3 bytes, not UTF-8 text, hex):\n    6f 6b 00\n");
	}

	@Test
	void showSaysWhenTheValueIsEmptyOrMissing() {
		this.command.accept(deadLetter().value(new byte[0]).build());
		this.command.accept(deadLetter().value(null).build());

		assertThat(output()).contains("  value: (empty)\n", "  value: (null)\n");
		assertThat(this.command.finish(9)).isZero();
		assertThat(output()).endsWith("2 dead letters shown (9 scanned)\n");
	}

	private String output() {
		return this.output.toString();
	}

}
