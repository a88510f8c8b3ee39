package io.orderflow.dlt;

import java.io.PrintWriter;
import java.time.Instant;

import org.apache.kafka.common.header.Header;

/**
 * {@code dlt show}: everything a dead letter carries, with the stack trace in full, to
 * find out why it failed.
 */
final class ShowCommand implements DeadLetterCommand {

	private static final int HEX_BYTES_PER_LINE = 32;

	private final PrintWriter out;

	private long shown;

	ShowCommand(PrintWriter out) {
		this.out = out;
	}

	@Override
	public void accept(DeadLetterRecord record) {
		this.shown++;
		Instant timestamp = record.timestamp();
		this.out.println(record.coordinates());
		this.out.println("  timestamp: " + ((timestamp != null) ? timestamp : "(none)"));
		this.out.println("  key: " + Bytes.display(record.key()));
		this.out.println("  headers:");
		for (Header header : record.headers()) {
			printValue("    " + header.key() + ":", DeadLetterRecord.display(header), "      ");
		}
		printValue(record.value());
		this.out.println();
	}

	@Override
	public int finish(long scanned) {
		this.out.printf("%d dead letter%s shown (%d scanned)%n", this.shown, (this.shown == 1) ? "" : "s", scanned);
		return 0;
	}

	private void printValue(byte[] value) {
		if (value == null || value.length == 0) {
			this.out.println("  value: " + ((value == null) ? "(null)" : "(empty)"));
			return;
		}
		String text = Bytes.text(value);
		if (text != null) {
			printValue("  value (" + value.length + " bytes, UTF-8):", text, "    ");
			return;
		}
		this.out.println("  value (" + value.length + " bytes, not UTF-8 text, hex):");
		for (int start = 0; start < value.length; start += HEX_BYTES_PER_LINE) {
			this.out.println("    " + Bytes.hex(value, start, Math.min(value.length, start + HEX_BYTES_PER_LINE)));
		}
	}

	/** A single line after its label; several lines (a stack trace) indented below it. */
	private void printValue(String label, String text, String indent) {
		if (!text.contains("\n")) {
			this.out.println(label + " " + text);
			return;
		}
		this.out.println(label);
		text.lines().forEach((line) -> this.out.println(indent + line));
	}

}
