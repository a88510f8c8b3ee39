package io.orderflow.dlt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Shows record keys, values and headers to people: as text when the bytes are UTF-8 text,
 * as hex otherwise, since a dead letter may hold anything.
 */
public final class Bytes {

	private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

	private Bytes() {
	}

	/**
	 * The bytes as text, {@code hex: ..} when they are not text, {@code (null)} for none.
	 */
	static String display(byte[] bytes) {
		if (bytes == null) {
			return "(null)";
		}
		String text = text(bytes);
		return (text != null) ? text : "hex: " + HEX.formatHex(bytes);
	}

	/**
	 * Bytes {@code from} (inclusive) to {@code to} (exclusive) in hex, separated by
	 * spaces.
	 */
	static String hex(byte[] bytes, int from, int to) {
		return HEX.formatHex(bytes, from, to);
	}

	/**
	 * The bytes decoded as UTF-8, or {@code null} if they are not valid UTF-8 or hold
	 * control characters.
	 */
	static String text(byte[] bytes) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
		// Valid UTF-8 can still be binary (a NUL, an escape sequence); only line breaks
		// and tabs are text.
		boolean printable = text.chars()
			.allMatch((c) -> !Character.isISOControl(c) || c == '\n' || c == '\r' || c == '\t');
		return printable ? text : null;
	}

}
