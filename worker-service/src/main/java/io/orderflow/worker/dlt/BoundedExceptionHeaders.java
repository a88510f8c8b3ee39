package io.orderflow.worker.dlt;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.ExceptionHeadersCreator;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Writes spring-kafka's standard exception headers ({@code kafka_dlt-exception-fqcn},
 * {@code -cause-fqcn}, {@code -message}, {@code -stacktrace}) like the default creator
 * does, but cuts the message and the stack trace to a configured number of bytes.
 */
class BoundedExceptionHeaders implements ExceptionHeadersCreator {

	static final String TRUNCATED = "... [truncated]";

	private final int maxMessageBytes;

	private final int maxStackTraceBytes;

	BoundedExceptionHeaders(int maxMessageBytes, int maxStackTraceBytes) {
		this.maxMessageBytes = maxMessageBytes;
		this.maxStackTraceBytes = maxStackTraceBytes;
	}

	@Override
	public void create(Headers headers, Exception thrown, boolean isKey, HeaderNames names) {
		// The listener wrapper only carries the consumer group; the headers describe what
		// it wraps.
		Throwable exception = (thrown instanceof ListenerExecutionFailedException && thrown.getCause() != null)
				? thrown.getCause() : thrown;
		HeaderNames.ExceptionInfo info = names.getExceptionInfo();
		replace(headers, isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(), exception.getClass().getName());
		Throwable root = rootCause(exception);
		replace(headers, info.getExceptionCauseFqcn(), root.getClass().getName());
		String message = message(exception, root);
		if (message != null) {
			replace(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(),
					truncate(message, this.maxMessageBytes));
		}
		replace(headers, isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(),
				truncate(stackTrace(exception), this.maxStackTraceBytes));
	}

	/**
	 * Cuts {@code text} to at most {@code maxBytes} of UTF-8, never in the middle of a
	 * character.
	 */
	static String truncate(String text, int maxBytes) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= maxBytes) {
			return text;
		}
		int budget = Math.max(0, maxBytes - TRUNCATED.length());
		CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
			.onMalformedInput(CodingErrorAction.IGNORE)
			.onUnmappableCharacter(CodingErrorAction.IGNORE);
		CharBuffer in = CharBuffer.wrap(text);
		encoder.encode(in, ByteBuffer.allocate(budget), true);
		return text.substring(0, in.position()) + TRUNCATED;
	}

	private static void replace(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private static Throwable rootCause(Throwable exception) {
		Throwable root = exception;
		for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 100; depth++) {
			root = root.getCause();
		}
		return root;
	}

	private static String message(Throwable exception, Throwable root) {
		if (root == exception || root.getMessage() == null) {
			return exception.getMessage();
		}
		return (exception.getMessage() != null) ? exception.getMessage() + "; " + root.getMessage() : root.getMessage();
	}

	private static String stackTrace(Throwable exception) {
		StringWriter trace = new StringWriter();
		exception.printStackTrace(new PrintWriter(trace, true));
		return trace.toString();
	}

}
