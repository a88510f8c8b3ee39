package io.orderflow.api.schema;

import java.util.ArrayList;
import java.util.List;

import io.orderflow.infrastructure.Database;
import io.orderflow.testsupport.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The api's {@code migrate} mode on a real PostgreSQL: it migrates an empty database to
 * the current schema once, is a no-op the second time, and fails loudly when it cannot.
 */
class SchemaMigrationIntegrationTests {

	@Test
	void emptyDatabaseIsMigratedToTheCurrentSchemaEvenWhenTheServicesMayNot() {
		Database database = TestInfrastructure.shared().newDatabase();

		int exitCode = SchemaMigration.run(arguments(database, "--spring.flyway.enabled=false"));

		assertThat(exitCode).isZero();
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		assertThat(jdbc.sql("select count(*) from flyway_schema_history where not success").query(Long.class).single())
			.isZero();
		assertThat(jdbc.sql("select table_name from information_schema.tables where table_schema = 'public'")
			.query(String.class)
			.list()).contains("orders", "order_items", "outbox", "audit_logs", "idempotency_keys", "shedlock");
	}

	@Test
	void secondRunAppliesNothing() {
		Database database = TestInfrastructure.shared().newDatabase();
		SchemaMigration.run(arguments(database));
		JdbcClient jdbc = JdbcClient.create(database.dataSource());
		long applied = jdbc.sql("select count(*) from flyway_schema_history").query(Long.class).single();

		int exitCode = SchemaMigration.run(arguments(database));

		assertThat(exitCode).isZero();
		assertThat(jdbc.sql("select count(*) from flyway_schema_history").query(Long.class).single())
			.isEqualTo(applied);
	}

	@Test
	void unreachableDatabaseFailsTheRun() {
		Database nowhere = new Database("jdbc:postgresql://127.0.0.1:1/orderflow?connectTimeout=2", "postgres", "");

		assertThatException().isThrownBy(() -> SchemaMigration.run(arguments(nowhere)));
	}

	private static String[] arguments(Database database, String... more) {
		List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + database.jdbcUrl(),
				"--spring.datasource.username=" + database.username(),
				"--spring.datasource.password=" + database.password()));
		arguments.addAll(List.of(more));
		return arguments.toArray(String[]::new);
	}

}
