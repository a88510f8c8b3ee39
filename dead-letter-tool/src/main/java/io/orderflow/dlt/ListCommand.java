package io.orderflow.dlt;

import java.io.PrintWriter;
import java.time.Instant;

/**
 * {@code dlt list}: one line per dead letter, enough to decide which ones to show or
 * replay. The exception is usually spring-kafka's
 * {@code ListenerExecutionFailedException}, so the line also names the root cause.
 */
final class ListCommand implements DeadLetterCommand {

	static final int MESSAGE_LENGTH = 80;

	private static final String ROW = "%-9s %-8s %-24s %-36s %-32s %-32s %-8s %-7s %s%n";

	private final PrintWriter out;

	private long listed;

	ListCommand(PrintWriter out) {
		this.out = out;
	}

	@Override
	public void accept(DeadLetterRecord record) {
		if (this.listed++ == 0) {
			this.out.printf(ROW, "PARTITION", "OFFSET", "TIMESTAMP", "KEY", "EXCEPTION", "CAUSE", "ATTEMPTS", "REPLAYS",
					"MESSAGE");
		}
		Instant timestamp = record.timestamp();
		this.out.printf(ROW, record.partition(), record.offset(), (timestamp != null) ? timestamp : "-",
				oneLine(Bytes.display(record.key()), 36), simpleName(record.exceptionClass()),
				simpleName(record.exceptionCauseClass()), orDash(record.attempts()),
				(record.replayCount() != null) ? record.replayCount() : "0",
				oneLine(orDash(record.exceptionMessage()), MESSAGE_LENGTH));
	}

	@Override
	public int finish(long scanned) {
		this.out.printf("%d dead letter%s listed (%d scanned)%n", this.listed, (this.listed == 1) ? "" : "s", scanned);
		return 0;
	}

	/** The text on one line, cut to {@code max} characters. */
	static String oneLine(String text, int max) {
		String line = text.strip().replaceAll("\\s+", " ");
		return (line.length() <= max) ? line : line.substring(0, max - 3) + "...";
	}

	private static String simpleName(String className) {
		return (className != null) ? className.substring(className.lastIndexOf('.') + 1) : "-";
	}

	private static String orDash(String text) {
		return (text != null) ? text : "-";
	}

}
