package io.orderflow.infrastructure;

import java.util.Optional;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * Where to reach one PostgreSQL database.
 *
 * @param jdbcUrl JDBC URL of the database
 * @param username user name
 * @param password password, possibly empty; never printed
 */
public record Database(String jdbcUrl, String username, String password) {

	/**
	 * The database named by {@code SPRING_DATASOURCE_URL} ({@code _USERNAME},
	 * {@code _PASSWORD}), if set.
	 */
	public static Optional<Database> fromEnvironment() {
		String url = System.getenv("SPRING_DATASOURCE_URL");
		if (url == null || url.isBlank()) {
			return Optional.empty();
		}
		return Optional.of(new Database(url, environmentOr("SPRING_DATASOURCE_USERNAME", "postgres"),
				environmentOr("SPRING_DATASOURCE_PASSWORD", "")));
	}

	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.jdbcUrl);
		dataSource.setUser(this.username);
		dataSource.setPassword(this.password);
		return dataSource;
	}

	private static String environmentOr(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	@Override
	public String toString() {
		return "Database[jdbcUrl=" + this.jdbcUrl + ", username=" + this.username + "]";
	}

}
