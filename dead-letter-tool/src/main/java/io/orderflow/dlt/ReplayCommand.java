package io.orderflow.dlt;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * {@code dlt replay}: re-publishes the selected dead letters, or in a dry run says what
 * it would publish. After a failed send it publishes nothing more, so the operator knows
 * exactly which records went out.
 */
final class ReplayCommand implements DeadLetterCommand {

	static final String DRY_RUN_NOTICE = "dry run: nothing was published; add --execute to replay";

	private final ReplayPlan plan;

	/** {@code null} in a dry run. */
	private final ReplayPublisher publisher;

	private final PrintWriter out;

	private final List<String> refusals = new ArrayList<>();

	private long selected;

	private long replayed;

	private String failure;

	private long notAttempted;

	private ReplayCommand(ReplayPlan plan, ReplayPublisher publisher, PrintWriter out) {
		this.plan = plan;
		this.publisher = publisher;
		this.out = out;
	}

	static ReplayCommand dryRun(ReplayPlan plan, PrintWriter out) {
		return new ReplayCommand(plan, null, out);
	}

	static ReplayCommand execute(ReplayPlan plan, ReplayPublisher publisher, PrintWriter out) {
		return new ReplayCommand(plan, publisher, out);
	}

	@Override
	public void accept(DeadLetterRecord record) {
		this.selected++;
		ReplayDecision decision = this.plan.decide(record);
		if (decision instanceof ReplayDecision.Refuse refusal) {
			this.refusals.add(refusal.describe());
			return;
		}
		ReplayDecision.Publish publish = (ReplayDecision.Publish) decision;
		String what = "%s (key %s) -> %s".formatted(record.coordinates(), Bytes.display(record.key()),
				this.plan.target());
		if (this.publisher == null) {
			this.replayed++;
			this.out.printf("would replay %s, replay-count %d%n", what, publish.replayCount());
			return;
		}
		if (this.failure != null) {
			this.notAttempted++;
			return;
		}
		try {
			RecordMetadata stored = this.publisher.publish(publish.record());
			this.replayed++;
			this.out.printf("replayed %s-%d@%d, replay-count %d%n", what, stored.partition(), stored.offset(),
					publish.replayCount());
		}
		catch (DltException ex) {
			this.failure = "failed " + record.coordinates() + ": " + ex.getMessage();
		}
	}

	@Override
	public int finish(long scanned) {
		boolean dryRun = this.publisher == null;
		this.out.printf("scanned %d, selected %d, %s %d, refused %d%s%n", scanned, this.selected,
				dryRun ? "would replay" : "replayed", this.replayed, this.refusals.size(),
				(this.failure != null) ? ", failed 1, not attempted " + this.notAttempted : "");
		this.refusals.forEach((refusal) -> this.out.println("  " + refusal));
		if (this.failure != null) {
			this.out.println("  " + this.failure);
			this.out.println("  stopped publishing after the failure; the records not attempted are still in the"
					+ " dead-letter topic");
		}
		if (dryRun) {
			this.out.println(DRY_RUN_NOTICE);
		}
		return (this.refusals.isEmpty() && this.failure == null) ? 0 : 1;
	}

}
