package io.orderflow.observability;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression (or a Grafana query such as
 * {@code label_values(metric, label)}) selects: its identifiers without functions,
 * keywords, label names and Grafana variables.
 */
final class PromQl {

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

	private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*\\}");

	private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");

	private static final Pattern LABEL_LIST = Pattern
		.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");

	// Grafana's: label_values(metric, label) names a label after the metric.
	private static final Pattern LABEL_VALUES = Pattern
		.compile("\\blabel_values\\s*\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*,\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*\\}|\\$\\w+");

	// Possessive, so that "rate(" is never read as the identifier "rat"; not after a
	// digit or dot, so that the exponent of 1e3 is no name either.
	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
			"group_left", "group_right", "offset", "bool", "inf", "nan");

	private PromQl() {
	}

	/**
	 * The metric names of an expression, in the order they first appear.
	 * @param expression PromQL, possibly with Grafana variables
	 * @return the metric names, without duplicates
	 */
	static Set<String> metricNames(String expression) {
		String text = STRING.matcher(expression).replaceAll(" ");
		text = MATCHERS.matcher(text).replaceAll(" ");
		text = RANGE.matcher(text).replaceAll(" ");
		text = LABEL_LIST.matcher(text).replaceAll(" ");
		text = LABEL_VALUES.matcher(text).replaceAll("$1");
		text = VARIABLE.matcher(text).replaceAll(" ");
		Set<String> names = new LinkedHashSet<>();
		Matcher identifier = IDENTIFIER.matcher(text);
		while (identifier.find()) {
			if (!KEYWORDS.contains(identifier.group().toLowerCase(Locale.ROOT))) {
				names.add(identifier.group());
			}
		}
		return names;
	}

}
