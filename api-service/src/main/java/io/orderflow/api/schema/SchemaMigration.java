package io.orderflow.api.schema;

import java.util.Arrays;
import java.util.stream.Stream;

import io.orderflow.api.ApiApplication;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfoService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The api image's {@code migrate} mode: applies the schema's Flyway migrations and exits,
 * so that a deployment migrates once per release (a Compose one-shot service, a Helm
 * pre-install/pre-upgrade hook) instead of from every replica at start-up, where the
 * services run with {@code SPRING_FLYWAY_ENABLED=false}. It reads the api's own
 * configuration ({@code SPRING_DATASOURCE_*} and the rest) and starts nothing else: no
 * web server, no Kafka.
 * <p>
 * Not a {@code @Configuration}, so the api's component scan never picks it up.
 */
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class })
public final class SchemaMigration {

	/** The argument that selects this mode: {@code java -jar api.jar migrate}. */
	public static final String COMMAND = "migrate";

	private static final String FLYWAY_ENABLED = "--spring.flyway.enabled";

	private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

	private SchemaMigration() {
	}

	/**
	 * Migrates the schema and returns the exit code, 0 once the schema is current. A
	 * failure (database unreachable, a migration failing) throws.
	 * @param args Spring arguments such as {@code --spring.datasource.url=...}
	 * @return the exit code
	 */
	public static int run(String... args) {
		SpringApplication application = new SpringApplication(SchemaMigration.class);
		application.setDefaultProperties(ApiApplication.DEFAULTS);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setMainApplicationClass(SchemaMigration.class);
		// A command-line argument outranks SPRING_FLYWAY_ENABLED=false, which keeps the
		// services from migrating; one given here would be joined with it, so it goes.
		String[] arguments = Stream
			.concat(Arrays.stream(args).filter((argument) -> !argument.startsWith(FLYWAY_ENABLED)),
					Stream.of(FLYWAY_ENABLED + "=true"))
			.toArray(String[]::new);
		try (ConfigurableApplicationContext context = application.run(arguments)) {
			MigrationInfoService info = context.getBean(Flyway.class).info();
			log.info("Schema is at version {} ({} migrations applied in all)", info.current().getVersion(),
					info.applied().length);
			return 0;
		}
	}

}
