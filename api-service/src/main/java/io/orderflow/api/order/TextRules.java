package io.orderflow.api.order;

/**
 * Rules for free text fields.
 */
final class TextRules {

	/**
	 * No NUL, no other control characters (they break logs, CSVs and downstream systems).
	 */
	static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";

	static final String NO_CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";

	private TextRules() {
	}

}
