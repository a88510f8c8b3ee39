package io.orderflow.localrun;

import java.io.PrintStream;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ./orderflow up}: the whole system, supervised, until Ctrl-C or a crash loop.
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = {
		"Start Kafka, PostgreSQL, N api-service replicas (default 1) and N workers (default 2).",
		"Api replica i listens on P + 100*(i-1) (default P 8080), its actuator 1000 higher; worker i on P + i."
				+ " Services listen on ADDRESS only (default 127.0.0.1; Kafka and PostgreSQL always stay on"
				+ " 127.0.0.1). A crashed service is restarted after 1 s, 2 s, 4 s ... 30 s; more than 5 restarts"
				+ " of one within 60 s stop everything (exit 1). Ctrl-C stops all." })
final class UpCommand implements Callable<Integer> {

	@ParentCommand
	private OrderflowCli cli;

	@Mixin
	private StackOptions stack;

	/**
	 * Runs until Ctrl-C, which ends the JVM through the shutdown hook; returns 1 after a
	 * crash loop.
	 */
	@Override
	public Integer call() {
		PrintStream out = this.cli.out();
		LocalStack stack = LocalStack.start(this.stack.settings(this.cli.home()), out);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			out.println("Stopping orderflow ...");
			stack.close();
			out.println("Stopped.");
		}, "orderflow-shutdown"));
		out.println();
		String demo = stack.apiUrl().equals("http://127.0.0.1:8080") ? "./orderflow demo"
				: "./orderflow demo --api-url " + stack.apiUrl();
		out.println("Try: " + demo + "   (Ctrl-C here stops everything; a crashed service is restarted)");
		// The supervisor restarts crashed services, so only a crash loop ends the run
		// from here; the
		// exit that follows stops the stack through the shutdown hook.
		stack.crashLoop().join();
		return 1;
	}

}
