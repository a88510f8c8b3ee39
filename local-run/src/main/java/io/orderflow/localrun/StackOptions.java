package io.orderflow.localrun;

import java.nio.file.Path;

import io.orderflow.infrastructure.BindAddress;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of the stack that {@code up} starts, and that {@code demo} starts when none
 * runs.
 */
final class StackOptions {

	@Spec(Spec.Target.MIXEE)
	private CommandSpec command;

	@Option(names = "--workers", paramLabel = "N", defaultValue = "2", converter = OptionConverters.Workers.class,
			description = "worker processes, 1 to " + LocalStack.MAX_WORKERS + " (default: ${DEFAULT-VALUE})")
	private int workers;

	@Option(names = "--apis", paramLabel = "N", defaultValue = "1", converter = OptionConverters.Apis.class,
			description = "api-service replicas, sharing one outbox, 1 to " + LocalStack.MAX_APIS
					+ " (default: ${DEFAULT-VALUE})")
	private int apis;

	@Option(names = "--api-port", paramLabel = "P", defaultValue = "8080", converter = OptionConverters.Port.class,
			description = "port of the first api replica: replica i listens on P + 100*(i-1), its actuator 1000"
					+ " higher; worker i on P + i (default: ${DEFAULT-VALUE})")
	private int apiPort;

	@Option(names = "--kafka-port", paramLabel = "P", defaultValue = "9092", converter = OptionConverters.Port.class,
			description = "port of the Kafka broker it starts (default: ${DEFAULT-VALUE})")
	private int kafkaPort;

	@Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = BindAddress.LOOPBACK,
			converter = OptionConverters.LocalAddress.class,
			description = "the only address the services listen on, one of this machine's (default: ${DEFAULT-VALUE};"
					+ " Kafka and PostgreSQL always stay on " + BindAddress.LOOPBACK + ")")
	private String bind;

	/**
	 * The settings of the stack; a usage error if they do not fit together (ports past
	 * 65535).
	 */
	LocalStack.Settings settings(Path home) {
		try {
			return new LocalStack.Settings(home, this.workers, this.apis, this.apiPort, this.kafkaPort, this.bind);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(this.command.commandLine(), ex.getMessage(), ex);
		}
	}

	/** The first api replica's URL. */
	String apiUrl() {
		return "http://" + BindAddress.connectHost(this.bind) + ":" + this.apiPort;
	}

}
