package io.orderflow.infrastructure;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;

/**
 * Schema and demo stock for the local run. The seed is not a production migration: it
 * belongs to {@code ./orderflow up} and the tests only.
 */
public final class DemoInventory {

	/** SKUs {@code SKU-0001} to {@code SKU-1000}. */
	public static final int REGULAR_SKUS = 1000;

	public static final long REGULAR_STOCK = 1_000_000;

	public static final String SCARCE_SKU = "SKU-SCARCE";

	public static final long SCARCE_STOCK = 10;

	private DemoInventory() {
	}

	public static String regularSku(int number) {
		return "SKU-%04d".formatted(number);
	}

	/** Applies the shared Flyway migrations from the common module. */
	public static void migrate(Database database) {
		Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration").load().migrate();
	}

	/** Seeds demo stock when the inventory table is empty; returns whether it did. */
	public static boolean seedIfEmpty(Database database) {
		try (Connection connection = database.dataSource().getConnection()) {
			try (PreparedStatement count = connection.prepareStatement("select exists (select 1 from inventory)");
					ResultSet rows = count.executeQuery()) {
				rows.next();
				if (rows.getBoolean(1)) {
					return false;
				}
			}
			connection.setAutoCommit(false);
			try (PreparedStatement regular = connection.prepareStatement(
					"insert into inventory (sku, available) select 'SKU-' || lpad(n::text, 4, '0'), ? from generate_series(1, ?) n");
					PreparedStatement scarce = connection
						.prepareStatement("insert into inventory (sku, available) values (?, ?)")) {
				regular.setLong(1, REGULAR_STOCK);
				regular.setInt(2, REGULAR_SKUS);
				regular.executeUpdate();
				scarce.setString(1, SCARCE_SKU);
				scarce.setLong(2, SCARCE_STOCK);
				scarce.executeUpdate();
			}
			connection.commit();
			return true;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot seed demo inventory in " + database.jdbcUrl(), ex);
		}
	}

}
