package io.orderflow.benchmarks.pipeline;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderflow.infrastructure.BindAddress;
import io.orderflow.infrastructure.Database;
import io.orderflow.infrastructure.FreePorts;
import io.orderflow.infrastructure.ServiceProcess;
import io.orderflow.infrastructure.ServiceSpec;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;

/**
 * The drain of a backlog by a number of workers. The workers run idle until the consumer
 * group is stable with a partition for every consumer; then they are frozen (SIGSTOP),
 * the backlog's orders are stored with the api's statements (order row, one line,
 * {@code CREATED} audit row, outbox row), 1,000 per transaction, the api's relay
 * publishes them, and the workers are thawed together (SIGCONT). A longer Kafka session
 * ({@link #WORKER_ENVIRONMENT}) keeps a frozen worker in its group. The rate is read from
 * the database: terminal orders over the time from the first to the last terminal
 * {@code updated_at}; the CPU time is the workers' from the thaw to the end.
 */
final class BacklogDrain {

	/**
	 * Worker settings for the benchmark: a frozen worker keeps its partitions for 10
	 * minutes instead of 15 s, so the thaw needs no rebalance; and the cleanup runs only
	 * when the bench runs it (an hourly run once fell into a measured phase).
	 */
	static final Map<String, String> WORKER_ENVIRONMENT = Map.of("SPRING_APPLICATION_JSON",
			"{\"spring.kafka.consumer.properties[session.timeout.ms]\": \"600000\","
					+ " \"spring.kafka.consumer.properties[max.poll.interval.ms]\": \"900000\","
					+ " \"orderflow.cleanup.cron\": \"-\"}");

	static final String CONSUMER_GROUP = "orderflow-workers";

	private static final int ORDERS_PER_TRANSACTION = 1000;

	private static final Duration GROUP_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration LEAVE_TIMEOUT = Duration.ofSeconds(40);

	private final Database database;

	private final String bootstrapServers;

	private final Path workerJar;

	private final Path logDirectory;

	BacklogDrain(Database database, String bootstrapServers, Path workerJar, Path logDirectory) {
		this.database = database;
		this.bootstrapServers = bootstrapServers;
		this.workerJar = workerJar;
		this.logDirectory = logDirectory;
	}

	/**
	 * Waits until {@code workers} (every worker of the group) hold {@code members}
	 * consumers with a partition each, freezes them, stores {@code backlog} orders, waits
	 * until the relay published them all, thaws the workers and waits until no order is
	 * pending or processing.
	 */
	DrainResult run(List<ServiceProcess> workers, int members, int backlog) throws InterruptedException {
		String customer = "bench-drain-" + workers.size() + "-" + System.currentTimeMillis();
		Duration timeout = drainTimeout(backlog);
		double cpuAtThaw = freezeStoreAndThaw(workers, members, customer, backlog, timeout);
		long thawed = System.nanoTime();
		awaitDrained(workers, backlog, timeout);
		double wallSeconds = (System.nanoTime() - thawed) / 1e9;
		return result(workers.size(), customer, wallSeconds, cpuSeconds(workers) - cpuAtThaw);
	}

	/**
	 * A drain of {@code backlog} orders by {@code first} alone (frozen and thawed as in
	 * {@link #run}), during which, after {@code steady}, a second worker starts (join);
	 * {@code steady} after it is healthy it is stopped with SIGTERM (leave); then
	 * {@code first} drains the rest. The event moments are read on the database's clock,
	 * the clock of {@code updated_at}.
	 */
	JoinLeave joinAndLeave(ServiceProcess first, int members, int backlog, Duration steady, String joining)
			throws InterruptedException {
		String customer = "bench-join-leave-" + System.currentTimeMillis();
		Duration timeout = drainTimeout(backlog);
		freezeStoreAndThaw(List.of(first), members, customer, backlog, timeout);
		Thread.sleep(steady.toMillis());
		double joinStart = databaseClock();
		ServiceProcess second = startWorker(joining);
		double joinEnd = databaseClock();
		double leaveStart;
		double leaveEnd;
		try {
			Thread.sleep(steady.toMillis());
			leaveStart = databaseClock();
			second.terminate();
			if (!second.awaitExit(LEAVE_TIMEOUT)) {
				throw new IllegalStateException(
						joining + " did not stop within " + LEAVE_TIMEOUT.toSeconds() + " s: see " + second.logFile());
			}
			leaveEnd = databaseClock();
		}
		finally {
			second.stop(LEAVE_TIMEOUT);
		}
		awaitDrained(List.of(first), backlog, timeout);
		double firstCompletion = firstCompletion(customer);
		DrainResult drained = result(1, customer, 0, Double.NaN);
		return new JoinLeave(drained.orders(), drained.perSecond(),
				new JoinLeave.Event("join", joinStart - firstCompletion, joinEnd - firstCompletion),
				new JoinLeave.Event("leave", leaveStart - firstCompletion, leaveEnd - firstCompletion));
	}

	private static Duration drainTimeout(int backlog) {
		return Duration.ofMinutes(3).plusMillis(5L * backlog);
	}

	/**
	 * Waits for the group, freezes the workers, stores the backlog, waits until the relay
	 * published it and thaws the workers; returns their CPU seconds at the thaw.
	 */
	private double freezeStoreAndThaw(List<ServiceProcess> workers, int members, String customer, int backlog,
			Duration timeout) throws InterruptedException {
		awaitGroup(members);
		double cpuAtThaw;
		workers.forEach(ServiceProcess::suspend);
		try {
			store(customer, backlog);
			await("the relay to publish the backlog", timeout,
					() -> count("select count(*) from outbox where published_at is null") == 0);
		}
		finally {
			cpuAtThaw = cpuSeconds(workers);
			workers.forEach(ServiceProcess::resume);
		}
		return cpuAtThaw;
	}

	private void awaitDrained(List<ServiceProcess> workers, int backlog, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long unfinished = count("select count(*) from orders where status in ('PENDING', 'PROCESSING')");
			if (unfinished == 0) {
				return;
			}
			for (ServiceProcess worker : workers) {
				if (!worker.isAlive()) {
					throw new IllegalStateException(
							worker.name() + " exited during the drain: see " + worker.logFile());
				}
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The backlog of " + backlog + " orders was not drained within "
						+ timeout.toSeconds() + " s (" + unfinished + " left)");
			}
			Thread.sleep(100);
		}
	}

	/** Seconds since the epoch on the database's clock. */
	private double databaseClock() {
		return Double.parseDouble(BenchSql.text(this.database, "select extract(epoch from clock_timestamp())::text"));
	}

	private double firstCompletion(String customer) {
		return Double.parseDouble(BenchSql.text(this.database,
				"select extract(epoch from min(updated_at))::text from orders where customer_id = ?"
						+ " and status in ('COMPLETED', 'REJECTED')",
				customer));
	}

	/** Consumers of the group now. */
	int members() {
		return describeGroup().members().size();
	}

	/**
	 * Starts one more worker from the worker jar, on the stack's database and broker, in
	 * the stack's consumer group, and waits until it is healthy.
	 */
	ServiceProcess startWorker(String name) {
		int port = FreePorts.find();
		Map<String, String> environment = new HashMap<>(WORKER_ENVIRONMENT);
		environment.put("SPRING_DATASOURCE_URL", this.database.jdbcUrl());
		environment.put("SPRING_DATASOURCE_USERNAME", this.database.username());
		environment.put("SPRING_DATASOURCE_PASSWORD", this.database.password());
		environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", this.bootstrapServers);
		environment.put("ORDERFLOW_WORKER_INSTANCE_ID", name);
		ServiceProcess worker = ServiceProcess.start(
				new ServiceSpec(name, this.workerJar, port, port, BindAddress.LOOPBACK, environment, this.logDirectory),
				false);
		worker.awaitHealthy();
		return worker;
	}

	private void awaitGroup(int members) throws InterruptedException {
		await("the consumer group to hold " + members + " consumers with a partition each", GROUP_TIMEOUT, () -> {
			ConsumerGroupDescription group = describeGroup();
			return group.groupState() == GroupState.STABLE && group.members().size() == members
					&& group.members().stream().allMatch((member) -> !member.assignment().topicPartitions().isEmpty());
		});
	}

	private ConsumerGroupDescription describeGroup() {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
			return admin.describeConsumerGroups(List.of(CONSUMER_GROUP))
				.all()
				.get(30, TimeUnit.SECONDS)
				.get(CONSUMER_GROUP);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while describing " + CONSUMER_GROUP, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Cannot describe the consumer group " + CONSUMER_GROUP, ex);
		}
	}

	private void store(String customer, int backlog) {
		try (Connection connection = this.database.dataSource().getConnection();
				PreparedStatement order = connection.prepareStatement(JdbcOrderLoop.INSERT_ORDER);
				PreparedStatement line = connection.prepareStatement(JdbcOrderLoop.INSERT_LINE);
				PreparedStatement audit = connection.prepareStatement(JdbcOrderLoop.INSERT_AUDIT);
				PreparedStatement outbox = connection.prepareStatement(JdbcOrderLoop.INSERT_OUTBOX)) {
			connection.setAutoCommit(false);
			for (int stored = 0; stored < backlog; stored++) {
				UUID id = JdbcOrderLoop.OrderIdsLikeTheApi.next();
				JdbcOrderLoop.bind(order, line, audit, outbox, id, customer);
				order.addBatch();
				line.addBatch();
				audit.addBatch();
				outbox.addBatch();
				if ((stored + 1) % ORDERS_PER_TRANSACTION == 0 || stored + 1 == backlog) {
					order.executeBatch();
					line.executeBatch();
					audit.executeBatch();
					outbox.executeBatch();
					connection.commit();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot store the backlog on " + this.database.jdbcUrl(), ex);
		}
	}

	private DrainResult result(int workers, String customer, double wallSeconds, double cpuSeconds) {
		String terminal = "customer_id = ? and status in ('COMPLETED', 'REJECTED')";
		try (Connection connection = this.database.dataSource().getConnection();
				PreparedStatement span = connection.prepareStatement(
						"select count(*), extract(epoch from max(updated_at) - min(updated_at)) from orders where "
								+ terminal);
				PreparedStatement seconds = connection.prepareStatement("""
						with done as (select updated_at from orders where %s)
						select floor(extract(epoch from updated_at - (select min(updated_at) from done)))::int, count(*)
						from done group by 1 order by 1""".formatted(terminal))) {
			span.setString(1, customer);
			long orders;
			double elapsed;
			try (ResultSet rows = span.executeQuery()) {
				rows.next();
				orders = rows.getLong(1);
				elapsed = rows.getDouble(2);
			}
			seconds.setString(1, customer);
			List<long[]> counts = new ArrayList<>();
			try (ResultSet rows = seconds.executeQuery()) {
				while (rows.next()) {
					counts.add(new long[] { rows.getInt(1), rows.getLong(2) });
				}
			}
			long[] perSecond = new long[counts.isEmpty() ? 0 : (int) counts.get(counts.size() - 1)[0] + 1];
			counts.forEach((count) -> perSecond[(int) count[0]] = count[1]);
			return new DrainResult(workers, orders, elapsed, wallSeconds, cpuSeconds, perSecond);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot read the drain of " + customer, ex);
		}
	}

	/**
	 * The workers' CPU time so far, in seconds; NaN when the platform does not report it.
	 */
	private static double cpuSeconds(List<ServiceProcess> workers) {
		double total = 0;
		for (ServiceProcess worker : workers) {
			Duration cpu = ProcessHandle.of(worker.pid())
				.flatMap((handle) -> handle.info().totalCpuDuration())
				.orElse(null);
			if (cpu == null) {
				return Double.NaN;
			}
			total += cpu.toNanos() / 1e9;
		}
		return total;
	}

	private long count(String sql) {
		return BenchSql.number(this.database, sql);
	}

	private static void await(String what, Duration timeout, Condition condition) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.holds()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout.toSeconds() + " s");
			}
			Thread.sleep(100);
		}
	}

	@FunctionalInterface
	private interface Condition {

		boolean holds();

	}

}
