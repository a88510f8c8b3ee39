package io.orderflow.localstack;

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

	public DataSource dataSource() {
		PGSimpleDataSource dataSource = new PGSimpleDataSource();
		dataSource.setURL(this.jdbcUrl);
		dataSource.setUser(this.username);
		dataSource.setPassword(this.password);
		return dataSource;
	}

	@Override
	public String toString() {
		return "Database[jdbcUrl=" + this.jdbcUrl + ", username=" + this.username + "]";
	}

}
