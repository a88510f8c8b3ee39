package io.orderflow.localrun;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;

import io.orderflow.dlt.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./orderflow demo}: a batch of orders to a running api-service, or to a stack
 * started for the demo when none answers. Exit code 0 when every order reached a final
 * status, 1 otherwise.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
		description = { "Submit N orders (default 200) and report the outcome. Starts a stack if none runs.",
				"The stack options apply to the stack it starts." })
final class DemoCommand implements Callable<Integer> {

	@ParentCommand
	private OrderflowCli cli;

	@Option(names = "--orders", paramLabel = "N", defaultValue = "200", converter = CommandLines.Positive.class,
			description = "orders to submit (default: ${DEFAULT-VALUE})")
	private int orders;

	@Option(names = "--api-url", paramLabel = "URL",
			description = "the api-service to submit to (default: the first api replica of the stack options,"
					+ " http://127.0.0.1:8080)")
	private String apiUrl;

	@Mixin
	private StackOptions stack;

	@Override
	public Integer call() throws InterruptedException {
		PrintStream out = this.cli.out();
		LocalStack.Settings settings = this.stack.settings(this.cli.home());
		String apiUrl = (this.apiUrl != null) ? this.apiUrl : this.stack.apiUrl();
		Optional<String> key = ApiKey.find(settings.workDirectory());
		Demo demo = new Demo(apiUrl, key.orElse(""), out);
		if (demo.isApiUp()) {
			if (key.isEmpty()) {
				throw new IllegalStateException("An api-service answers at " + apiUrl
						+ " but no API key was found: set " + ApiKey.ENVIRONMENT_VARIABLE);
			}
			return exitCode(demo.run(this.orders));
		}
		out.println("No api-service answers at " + apiUrl + "; starting a stack for the demo.");
		try (LocalStack stack = LocalStack.start(settings, out)) {
			out.println();
			return exitCode(new Demo(stack.apiUrl(), stack.apiKey(), out).run(this.orders));
		}
	}

	private static int exitCode(boolean allFinal) {
		return allFinal ? 0 : 1;
	}

}
