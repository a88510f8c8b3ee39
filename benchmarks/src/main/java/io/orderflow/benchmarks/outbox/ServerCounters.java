package io.orderflow.benchmarks.outbox;

import io.orderflow.infrastructure.Database;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Server-wide PostgreSQL counters, read without side effects: the next transaction id (so
 * the difference is the number of transactions that wrote anything, in every database of
 * the server) and the WAL position.
 *
 * @param nextTransactionId the transaction id the next writing transaction gets
 * @param walBytes bytes of WAL written since the server was created
 */
record ServerCounters(long nextTransactionId, long walBytes) {

	/** Reads the counters; the query assigns no transaction id itself. */
	static ServerCounters read(Database database) {
		return JdbcClient.create(database.dataSource()).sql("""
				select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as next_xid,
				       pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint as wal
				""").query((rs, row) -> new ServerCounters(rs.getLong("next_xid"), rs.getLong("wal"))).single();
	}

	/** What happened between {@code before} and this reading. */
	ServerCounters since(ServerCounters before) {
		return new ServerCounters(this.nextTransactionId - before.nextTransactionId, this.walBytes - before.walBytes);
	}

	/**
	 * Makes every new session of the database commit durably, as a production server
	 * does: embedded PostgreSQL runs with {@code synchronous_commit=off}, which would
	 * hide the cost of each commit, the very thing the contenders differ in.
	 */
	static void requireDurableCommits(Database database) {
		// ALTER DATABASE takes no bind parameters; format's %I quotes the server's own
		// database name.
		JdbcClient.create(database.dataSource()).sql("""
				do $$ begin
				  execute format('alter database %I set synchronous_commit = on', current_database());
				end $$
				""").update();
	}

	/**
	 * {@code synchronous_commit} and {@code fsync} as a session of the database sees
	 * them.
	 */
	static String durability(Database database) {
		return JdbcClient.create(database.dataSource())
			.sql("select 'synchronous_commit=' || current_setting('synchronous_commit') || ', fsync=' || current_setting('fsync')")
			.query(String.class)
			.single();
	}

	static String serverVersion(Database database) {
		return JdbcClient.create(database.dataSource()).sql("show server_version").query(String.class).single();
	}

}
