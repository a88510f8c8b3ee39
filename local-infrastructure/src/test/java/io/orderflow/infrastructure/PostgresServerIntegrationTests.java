package io.orderflow.infrastructure;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Integration tests for {@link PostgresServer} and {@link DemoInventory} on an embedded
 * server.
 */
class PostgresServerIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void embeddedServerKeepsItsDataAcrossStopAndStart() throws SQLException {
		try (PostgresServer server = PostgresServer.embedded(this.directory, 0)) {
			Database database = server.createDatabase("keeps_data");
			DemoInventory.migrate(database);
			assertThat(DemoInventory.seedIfEmpty(database)).isTrue();

			server.stop();
			assertThatException().isThrownBy(() -> database.dataSource().getConnection().close());
			server.start();

			assertThat(available(database, DemoInventory.SCARCE_SKU)).isEqualTo(DemoInventory.SCARCE_STOCK);
			assertThat(available(database, DemoInventory.regularSku(1000))).isEqualTo(DemoInventory.REGULAR_STOCK);
			assertThat(DemoInventory.seedIfEmpty(database)).isFalse();
		}
	}

	@Test
	void databaseNamesThatWouldNeedQuotingAreRefused() {
		try (PostgresServer server = PostgresServer
			.external(new Database("jdbc:postgresql://127.0.0.1:1/x", "u", ""))) {
			org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
				.isThrownBy(() -> server.createDatabase("x\"; drop database postgres; --"))
				.withMessageContaining("must match");
		}
	}

	@Test
	void databaseNameIsReplacedAndParametersKept() {
		assertThat(PostgresServer.withDatabaseName("jdbc:postgresql://db:5432/postgres?sslmode=require", "orders"))
			.isEqualTo("jdbc:postgresql://db:5432/orders?sslmode=require");
		assertThat(PostgresServer.withDatabaseName("jdbc:postgresql://db", "orders"))
			.isEqualTo("jdbc:postgresql://db/orders");
	}

	private static long available(Database database, String sku) throws SQLException {
		try (Connection connection = database.dataSource().getConnection();
				PreparedStatement query = connection
					.prepareStatement("select available from inventory where sku = ?")) {
			query.setString(1, sku);
			try (ResultSet rows = query.executeQuery()) {
				assertThat(rows.next()).as("row for %s", sku).isTrue();
				return rows.getLong(1);
			}
		}
	}

}
