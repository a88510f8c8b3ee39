package io.orderflow.benchmarks.pipeline;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import io.orderflow.common.order.OrderStatus;
import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.DemoInventory;
import org.HdrHistogram.Histogram;

/**
 * The anchor in plain JDBC: a closed loop of connections, each storing one order per
 * transaction with the api's own statements (order row, one line, the {@code CREATED}
 * audit row, the outbox row; one commit), back to back.
 */
final class JdbcOrderLoop {

	static final String INSERT_ORDER = """
			insert into orders (id, customer_id, currency, total, status, idempotency_key, owner)
			values (?, ?, ?, ?, ?, ?, ?)
			""";

	static final String INSERT_LINE = """
			insert into order_items (order_id, line_no, sku, quantity, unit_price)
			values (?, ?, ?, ?, ?)
			""";

	static final String INSERT_AUDIT = "insert into audit_logs (order_id, event, detail) values (?, 'CREATED', cast(? as jsonb))";

	static final String INSERT_OUTBOX = "insert into outbox (order_id, idempotency_key) values (?, ?)";

	private static final String DETAIL = "{\"status\": \"PENDING\", \"lines\": 1, \"total\": \"1.00\"}";

	private final Database database;

	JdbcOrderLoop(Database database) {
		this.database = database;
	}

	LoadRun run(int connections, Duration duration) throws InterruptedException {
		List<Connection> opened = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(connections);
		try {
			for (int i = 0; i < connections; i++) {
				Connection connection = this.database.dataSource().getConnection();
				connection.setAutoCommit(false);
				opened.add(connection);
			}
			long start = System.nanoTime();
			long deadline = start + duration.toNanos();
			Timeline timeline = new Timeline(start, (int) duration.toSeconds());
			List<Future<Histogram>> loops = new ArrayList<>();
			for (Connection connection : opened) {
				loops.add(threads.submit(() -> loop(connection, deadline, timeline)));
			}
			Histogram latencies = new Histogram(3);
			for (Future<Histogram> loop : loops) {
				latencies.add(loop.get());
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			return new LoadRun(latencies, timeline, latencies.getTotalCount(), 0, seconds);
		}
		catch (SQLException | ExecutionException ex) {
			throw new IllegalStateException("The JDBC anchor failed on " + this.database.jdbcUrl(), ex);
		}
		finally {
			threads.shutdownNow();
			for (Connection connection : opened) {
				closeQuietly(connection);
			}
		}
	}

	private static Histogram loop(Connection connection, long deadline, Timeline timeline) throws SQLException {
		Histogram latencies = new Histogram(3);
		try (PreparedStatement order = connection.prepareStatement(INSERT_ORDER);
				PreparedStatement line = connection.prepareStatement(INSERT_LINE);
				PreparedStatement audit = connection.prepareStatement(INSERT_AUDIT);
				PreparedStatement outbox = connection.prepareStatement(INSERT_OUTBOX)) {
			while (System.nanoTime() < deadline) {
				long start = System.nanoTime();
				UUID id = OrderIdsLikeTheApi.next();
				bind(order, line, audit, outbox, id, "bench-jdbc");
				order.executeUpdate();
				line.executeUpdate();
				audit.executeUpdate();
				outbox.executeUpdate();
				connection.commit();
				long end = System.nanoTime();
				latencies.recordValue((end - start) / 1000);
				timeline.record(end);
			}
		}
		return latencies;
	}

	private static void closeQuietly(Connection connection) {
		try {
			connection.close();
		}
		catch (SQLException ex) {
			// The phase is over; a connection that fails to close changes no figure.
		}
	}

	/**
	 * Sets the parameters of the api's four statements for one order of one line, as
	 * {@link #INSERT_ORDER}, {@link #INSERT_LINE}, {@link #INSERT_AUDIT} and
	 * {@link #INSERT_OUTBOX} take them; the caller executes or batches them.
	 */
	static void bind(PreparedStatement order, PreparedStatement line, PreparedStatement audit, PreparedStatement outbox,
			UUID id, String customer) throws SQLException {
		order.setObject(1, id);
		order.setString(2, customer);
		order.setString(3, "EUR");
		order.setBigDecimal(4, BigDecimal.ONE);
		order.setString(5, OrderStatus.PENDING.name());
		order.setString(6, null);
		order.setString(7, "local");
		line.setObject(1, id);
		line.setInt(2, 1);
		line.setString(3,
				DemoInventory.regularSku(ThreadLocalRandom.current().nextInt(1, DemoInventory.REGULAR_SKUS + 1)));
		line.setInt(4, 1);
		line.setBigDecimal(5, BigDecimal.ONE);
		audit.setObject(1, id);
		audit.setString(2, DETAIL);
		outbox.setObject(1, id);
		outbox.setString(2, null);
	}

	/**
	 * Time-ordered ids (UUIDv7) as the api makes them, so the primary key index grows as
	 * it does under the api.
	 */
	static final class OrderIdsLikeTheApi {

		private OrderIdsLikeTheApi() {
		}

		static UUID next() {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			long msb = (System.currentTimeMillis() << 16) | (0x7L << 12) | random.nextInt(1 << 12);
			long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
			return new UUID(msb, lsb);
		}

	}

}
