package io.orderflow.benchmarks.pipeline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.orderflow.infrastructure.Database;

/**
 * The benchmark's one-off statements on its database: a connection each, values bound as
 * parameters.
 */
final class BenchSql {

	private BenchSql() {
	}

	/** The first column of the first row, as text. */
	static String text(Database database, String sql, Object... parameters) {
		try (Connection connection = database.dataSource().getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				statement.setObject(i + 1, parameters[i]);
			}
			try (ResultSet rows = statement.executeQuery()) {
				rows.next();
				return rows.getString(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Benchmark query failed: " + sql, ex);
		}
	}

	/** The first column of the first row, as a number. */
	static long number(Database database, String sql, Object... parameters) {
		return Long.parseLong(text(database, sql, parameters));
	}

	/**
	 * Runs a statement without parameters (also {@code VACUUM} and {@code CHECKPOINT});
	 * returns the rows it changed.
	 */
	static long update(Database database, String sql) {
		try (Connection connection = database.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			return statement.executeLargeUpdate(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Benchmark statement failed: " + sql, ex);
		}
	}

}
