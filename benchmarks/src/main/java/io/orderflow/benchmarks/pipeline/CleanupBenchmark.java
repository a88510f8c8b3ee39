package io.orderflow.benchmarks.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.orderflow.infrastructure.Database;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The cleanup job against one {@code DELETE} of the same rows, and intake while it runs.
 * Each contender gets the same table: {@code rows} expired audit rows (64 per timestamp,
 * as a worker's batch transaction writes them; time-ordered order ids, as the api's
 * UUIDv7) on top of whatever the run stored so far, then {@code VACUUM ANALYZE} and a
 * {@code CHECKPOINT}, so both pay the same full-page writes. The job runs in the stack's
 * worker through {@code POST /actuator/cleanup}; its batches, longest batch and duration
 * come from the run's own report.
 */
final class CleanupBenchmark {

	private static final int SEED_CHUNK = 500_000;

	private static final int ROWS_PER_TIMESTAMP = 64;

	private static final String EXPIRED = "created_at < now() - interval '30 days'";

	private final Database database;

	private final HttpIntake http;

	private final URI cleanup;

	private final PrintStream out;

	private final JsonMapper json = JsonMapper.builder().build();

	CleanupBenchmark(Database database, HttpIntake http, String workerManagementUrl, PrintStream out) {
		this.database = database;
		this.http = http;
		this.cleanup = URI.create(workerManagementUrl + "/actuator/cleanup");
		this.out = out;
	}

	/**
	 * What the section measured.
	 *
	 * @param rows expired rows each contender deleted
	 * @param deleteSeconds one {@code DELETE}
	 * @param idle the cleanup job on a quiet stack
	 * @param intakeAlone HTTP intake at 32 connections with the expired rows in place
	 * @param loaded the cleanup job while the same intake runs
	 * @param intakeDuringCleanup intake in the whole seconds the loaded cleanup ran; NaN
	 * when it ran for less than one
	 */
	record Result(long rows, double deleteSeconds, JobRun idle, double intakeAlone, JobRun loaded,
			double intakeDuringCleanup) {

		/** The job's speed as a fraction of the single {@code DELETE}'s. */
		double speedRatio() {
			return this.deleteSeconds / this.idle.seconds();
		}

		/** Intake while the job runs, as a fraction of intake alone. */
		double intakeRatio() {
			return this.intakeDuringCleanup / this.intakeAlone;
		}

		/** The longest batch transaction of both job runs. */
		long longestBatchMillis() {
			return Math.max(this.idle.longestBatchMillis(), this.loaded.longestBatchMillis());
		}

		String text() {
			String row = "%-34s %12s %10s %10s %16s%n";
			return String.format(Locale.ROOT, row, "cleanup of expired audit rows", "rows", "seconds", "batches",
					"longest batch ms")
					+ String.format(Locale.ROOT, row, "one DELETE", ReportTables.number(this.rows),
							seconds(this.deleteSeconds), "1", "n/a")
					+ String.format(Locale.ROOT, row, "cleanup job, quiet stack",
							ReportTables.number(this.idle.deleted()), seconds(this.idle.seconds()), this.idle.batches(),
							this.idle.longestBatchMillis())
					+ String.format(Locale.ROOT, row, "cleanup job, 32-connection intake",
							ReportTables.number(this.loaded.deleted()), seconds(this.loaded.seconds()),
							this.loaded.batches(), this.loaded.longestBatchMillis())
					+ String.format(Locale.ROOT,
							"cleanup job / one DELETE: %s (rows/s); intake while the job runs / intake alone: %s"
									+ " (%s vs %s accepted/s)%n",
							Drain.times(speedRatio()), Drain.times(intakeRatio()),
							ReportTables.number(this.intakeDuringCleanup), ReportTables.number(this.intakeAlone));
		}

		String markdown() {
			String row = "| %s | %s | %s | %d | %d |%n";
			return "| contender | rows | seconds | batches | longest batch ms |\n|---|---:|---:|---:|---:|\n"
					+ String.format(Locale.ROOT, "| one `DELETE` | %s | %s | 1 | |%n", ReportTables.number(this.rows),
							seconds(this.deleteSeconds))
					+ String.format(Locale.ROOT, row, "cleanup job, quiet stack",
							ReportTables.number(this.idle.deleted()), seconds(this.idle.seconds()), this.idle.batches(),
							this.idle.longestBatchMillis())
					+ String.format(Locale.ROOT, row, "cleanup job, 32-connection intake running",
							ReportTables.number(this.loaded.deleted()), seconds(this.loaded.seconds()),
							this.loaded.batches(), this.loaded.longestBatchMillis())
					+ String.format(Locale.ROOT,
							"%nCleanup job / one `DELETE`: **%s**. HTTP intake at 32 connections while the job ran: "
									+ "**%s** accepted/s, against **%s** with the same rows in place and no job: **%s**.%n",
							Drain.times(speedRatio()), ReportTables.number(this.intakeDuringCleanup),
							ReportTables.number(this.intakeAlone), Drain.times(intakeRatio()));
		}

		private static String seconds(double value) {
			return String.format(Locale.ROOT, "%.2f", value);
		}

	}

	/**
	 * One run of the job, from its report.
	 *
	 * @param deleted audit rows it deleted
	 * @param batches batch transactions, all tables
	 * @param seconds its duration
	 * @param longestBatchMillis its longest batch transaction
	 */
	record JobRun(long deleted, int batches, double seconds, long longestBatchMillis) {

	}

	Result run(int rows, Duration phase) throws InterruptedException {
		seed(rows);
		this.out.printf("  one DELETE of %,d expired audit rows ... ", rows);
		this.out.flush();
		long started = System.nanoTime();
		long deleted = update("delete from audit_logs where " + EXPIRED);
		double deleteSeconds = (System.nanoTime() - started) / 1e9;
		this.out.printf("%,d rows in %.2f s%n", deleted, deleteSeconds);

		seed(rows);
		this.out.print("  cleanup job, quiet stack ... ");
		this.out.flush();
		JobRun idle = job();
		this.out.printf("%,d rows in %.2f s, %,d batches, longest %d ms%n", idle.deleted(), idle.seconds(),
				idle.batches(), idle.longestBatchMillis());

		seed(rows);
		this.out.printf("  HTTP intake, closed loop, 32 connections, %d s, expired rows in place ... ",
				phase.toSeconds());
		this.out.flush();
		double alone = this.http.closedLoop(32, phase).throughput();
		this.out.printf("%,.0f accepted/s%n", alone);
		// Long enough that the job ends inside the loop, if it keeps its quiet pace.
		Duration loop = phase.plus(Duration.ofMillis((long) (2000 * idle.seconds())));
		this.out.printf("  the same intake for %d s with the cleanup job started in its first second ... ",
				loop.toSeconds());
		this.out.flush();
		long loopStarted = System.nanoTime();
		CompletableFuture<TimedJob> job = CompletableFuture.supplyAsync(() -> {
			long jobStarted = System.nanoTime();
			JobRun run = job();
			return new TimedJob(run, jobStarted - loopStarted, System.nanoTime() - loopStarted);
		});
		LoadRun intake = this.http.closedLoop(32, loop);
		TimedJob loaded;
		try {
			loaded = job.join();
		}
		catch (CompletionException ex) {
			throw new IllegalStateException("The cleanup job failed while intake ran", ex.getCause());
		}
		double during = loaded.intakeRate(intake.timeline().perSecond());
		this.out.printf("%,.0f accepted/s while it ran (%.2f s, %,d batches, longest %d ms)%n", during,
				loaded.run().seconds(), loaded.run().batches(), loaded.run().longestBatchMillis());
		return new Result(deleted, deleteSeconds, idle, alone, loaded.run(), during);
	}

	/**
	 * Stores {@code rows} expired audit rows and leaves the table vacuumed and analyzed.
	 */
	private void seed(int rows) {
		this.out.printf("  storing %,d expired audit rows ... ", rows);
		this.out.flush();
		long started = System.nanoTime();
		// Rows left by an earlier contender (none, unless it failed) would be counted
		// twice,
		// and the dead rows of the last one would slow this insert down.
		update("delete from audit_logs where " + EXPIRED);
		update("vacuum audit_logs");
		try (Connection connection = this.database.dataSource().getConnection();
				PreparedStatement insert = connection.prepareStatement("""
						insert into audit_logs (order_id, event, detail, created_at)
						select cast(lpad(to_hex(? + g), 12, '0') || '70008000' || lpad(to_hex(g), 12, '0') as uuid),
						       'COMPLETED', '{"bench": "cleanup"}',
						       now() - interval '40 days' + ((? + g) / ?) * interval '10 milliseconds'
						from generate_series(0, ? - 1) g""")) {
			for (int stored = 0; stored < rows; stored += SEED_CHUNK) {
				insert.setInt(1, stored);
				insert.setInt(2, stored);
				insert.setInt(3, ROWS_PER_TIMESTAMP);
				insert.setInt(4, Math.min(SEED_CHUNK, rows - stored));
				insert.executeUpdate();
				if (rows > SEED_CHUNK) {
					this.out.printf("%d%% ", (int) (100L * Math.min(rows, stored + SEED_CHUNK) / rows));
					this.out.flush();
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot store expired audit rows", ex);
		}
		update("vacuum analyze audit_logs");
		checkpoint();
		this.out.printf("done in %.0f s%n", (System.nanoTime() - started) / 1e9);
	}

	/** Runs the job through the worker's actuator and reads its report. */
	private JobRun job() {
		// A run shortly before holds the lock for lock-at-least-for; this one must run.
		update("update shedlock set lock_until = timezone('utc', now()) where name = 'orderflow-cleanup'");
		HttpRequest request = HttpRequest.newBuilder(this.cleanup)
			.timeout(Duration.ofMinutes(30))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		HttpResponse<String> response;
		try {
			response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach " + this.cleanup, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the cleanup job ran", ex);
		}
		try {
			JsonNode report = this.json.readTree(response.body());
			if (response.statusCode() != 200 || !"COMPLETED".equals(report.path("status").asString())) {
				throw new IllegalStateException(
						"The cleanup job did not complete: HTTP " + response.statusCode() + " " + response.body());
			}
			return new JobRun(report.path("deleted").path("audit_logs").asLong(), report.path("batches").asInt(),
					report.path("durationMillis").asLong() / 1000.0, report.path("longestBatchMillis").asLong());
		}
		catch (JacksonException ex) {
			throw new IllegalStateException(
					"Not a cleanup report: HTTP " + response.statusCode() + " " + response.body(), ex);
		}
	}

	/**
	 * Without the right to {@code CHECKPOINT} (neither superuser nor pg_checkpoint) the
	 * contenders may differ in full-page writes: said, not fatal.
	 */
	private void checkpoint() {
		try (Connection connection = this.database.dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("checkpoint");
		}
		catch (SQLException ex) {
			this.out.printf("(no checkpoint: %s) ", ex.getMessage());
		}
	}

	private long update(String sql) {
		return BenchSql.update(this.database, sql);
	}

	/**
	 * A job run placed on the intake loop's clock.
	 *
	 * @param run its report
	 * @param startNanos when it was asked for, since the loop's start
	 * @param endNanos when it answered, since the loop's start
	 */
	record TimedJob(JobRun run, long startNanos, long endNanos) {

		/**
		 * Accepted orders per second in the loop's whole seconds inside the run; NaN when
		 * no whole second is.
		 */
		double intakeRate(long[] perSecond) {
			int first = (int) Math.ceil(this.startNanos / 1e9);
			// The loop's last second also holds answers that came after it.
			int last = Math.min(perSecond.length - 1, (int) Math.floor(this.endNanos / 1e9));
			if (last <= first) {
				return Double.NaN;
			}
			long accepted = 0;
			for (int second = first; second < last; second++) {
				accepted += perSecond[second];
			}
			return (double) accepted / (last - first);
		}

	}

}
