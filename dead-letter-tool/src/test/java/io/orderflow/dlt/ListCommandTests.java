package io.orderflow.dlt;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.KafkaHeaders;

import static io.orderflow.dlt.DeadLetterFixture.deadLetter;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ListCommand}.
 */
class ListCommandTests {

	private final StringWriter output = new StringWriter();

	private final ListCommand command = new ListCommand(new PrintWriter(this.output, true));

	@Test
	void listPrintsOneLinePerDeadLetterAndACount() {
		this.command.accept(deadLetter().at(2, 17).timestamp(Instant.parse("2026-11-23T10:00:00.250Z")).build());
		this.command.accept(deadLetter().at(3, 4).key("order-2").replayCount("1").build());

		assertThat(this.command.finish(12)).isZero();
		assertThat(output().lines()).hasSize(4);
		assertThat(output().lines().toList().get(0)).startsWith("PARTITION")
			.contains("EXCEPTION", "CAUSE", "REPLAYS", "MESSAGE");
		assertThat(output().lines().toList().get(1).split(" +")).containsExactly("2", "17", "2026-11-23T10:00:00.250Z",
				"order-1", "ListenerExecutionFailedException", "IllegalStateException", "3", "0", "Listener", "failed;",
				"Unknown", "order", "id", "order-1");
		assertThat(output().lines().toList().get(2).split(" +")).startsWith("3", "4", "2026-11-23T10:00:00Z", "order-2",
				"ListenerExecutionFailedException", "IllegalStateException", "3", "1");
		assertThat(output()).endsWith("2 dead letters listed (12 scanned)\n");
	}

	@Test
	void listCutsLongMessagesToOneShortLine() {
		String message = "first line\n\tat somewhere " + "x".repeat(200);

		this.command.accept(deadLetter().replaceHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE, message).build());

		String line = output().lines().toList().get(1);
		assertThat(line).endsWith("first line at somewhere " + "x".repeat(ListCommand.MESSAGE_LENGTH - 27) + "...");
	}

	@Test
	void listShowsMissingHeadersAsDashes() {
		DeadLetterRecord bare = deadLetter().key(null).build();
		bare.headers().remove(KafkaHeaders.DLT_EXCEPTION_FQCN);
		bare.headers().remove(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN);
		bare.headers().remove(KafkaHeaders.DLT_EXCEPTION_MESSAGE);
		bare.headers().remove(io.orderflow.common.messaging.DeadLetterHeaders.ATTEMPTS);

		this.command.accept(bare);

		assertThat(output().lines().toList().get(1).split(" +")).containsExactly("0", "0", "2026-11-23T10:00:00Z",
				"(null)", "-", "-", "-", "0", "-");
	}

	@Test
	void listWithoutMatchesPrintsOnlyTheCount() {
		assertThat(this.command.finish(3)).isZero();

		assertThat(output()).isEqualTo("0 dead letters listed (3 scanned)\n");
	}

	private String output() {
		return this.output.toString();
	}

}
