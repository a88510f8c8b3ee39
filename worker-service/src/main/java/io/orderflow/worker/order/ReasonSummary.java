package io.orderflow.worker.order;

import java.util.List;

/**
 * Short, bounded reasons for the {@code rejection_reason} and {@code failure_reason}
 * columns: a list becomes "unknown SKU: A, B, C and 27 more", so no input can make the
 * text outgrow its column. The full lists go to the audit row's {@code jsonb} detail.
 */
final class ReasonSummary {

	/** Characters of a summary; well below the columns' {@code varchar(1000)}. */
	static final int MAX_LENGTH = 500;

	private ReasonSummary() {
	}

	/**
	 * {@code label: a, b, c and N more}, at most {@code maxLength} characters;
	 * {@code items} not empty.
	 */
	static String of(String label, List<String> items, String separator, int maxLength) {
		StringBuilder summary = new StringBuilder(label).append(": ");
		for (int i = 0; i < items.size(); i++) {
			String item = items.get(i);
			String more = (i + 1 < items.size()) ? moreSuffix(items.size() - i - 1) : "";
			String piece = ((i > 0) ? separator : "") + item;
			// Room for this item and, if others follow it, the "and N more" after it.
			if (summary.length() + piece.length() + more.length() > maxLength) {
				if (i == 0) {
					// Not even one item fits: show as much of it as there is room for.
					return truncate(summary + item, maxLength - more.length()) + more;
				}
				return truncate(summary.append(moreSuffix(items.size() - i)).toString(), maxLength);
			}
			summary.append(piece);
		}
		return truncate(summary.toString(), maxLength);
	}

	/**
	 * Cuts {@code text} to {@code maxLength} characters, never inside a surrogate pair,
	 * marking the cut.
	 */
	static String truncate(String text, int maxLength) {
		if (text.length() <= maxLength) {
			return text;
		}
		int end = maxLength - 3;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end) + "...";
	}

	private static String moreSuffix(int count) {
		return " and " + count + " more";
	}

}
