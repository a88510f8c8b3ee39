package io.orderflow.api.order;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests of {@link CommitGroups}, with a writer that records its batches instead of a
 * database.
 */
class CommitGroupsTests {

	private static final Duration LONG = Duration.ofSeconds(30);

	private final ExecutorService clients = Executors.newFixedThreadPool(16);

	/** Names of each batch's items, in the order written. */
	private final List<List<String>> batches = new CopyOnWriteArrayList<>();

	private final List<Integer> sizes = new CopyOnWriteArrayList<>();

	/** Held by the first batch's write until released. */
	private final CountDownLatch release = new CountDownLatch(1);

	private final CountDownLatch firstBatchWriting = new CountDownLatch(1);

	private CommitGroups<Item, String> groups;

	@AfterEach
	void stop() {
		this.release.countDown();
		if (this.groups != null) {
			this.groups.close(LONG);
		}
		this.clients.shutdownNow();
	}

	@Test
	void submissionsQueuedWhileTheWriterIsBusyShareTheNextBatch() throws Exception {
		this.groups = groups(1, 64);
		Future<String> first = submit(new Item("first", null));
		assertThat(this.firstBatchWriting.await(30, TimeUnit.SECONDS)).isTrue();
		List<Future<String>> others = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			others.add(submit(new Item("order-" + i, null)));
		}
		await().atMost(LONG).until(() -> this.groups.queued() == 10);

		this.release.countDown();

		assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("written first");
		for (int i = 0; i < 10; i++) {
			assertThat(others.get(i).get(30, TimeUnit.SECONDS)).isEqualTo("written order-" + i);
		}
		assertThat(this.sizes).containsExactly(1, 10);
	}

	@Test
	void aBatchIsNeverLargerThanMaxBatch() throws Exception {
		this.groups = groups(1, 4);
		Future<String> first = submit(new Item("first", null));
		assertThat(this.firstBatchWriting.await(30, TimeUnit.SECONDS)).isTrue();
		List<Future<String>> others = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			others.add(submit(new Item("order-" + i, null)));
		}
		await().atMost(LONG).until(() -> this.groups.queued() == 10);

		this.release.countDown();

		first.get(30, TimeUnit.SECONDS);
		for (Future<String> other : others) {
			other.get(30, TimeUnit.SECONDS);
		}
		assertThat(this.sizes).containsExactly(1, 4, 4, 2);
	}

	@Test
	void aKeyAlreadyInTheBatchIsHeldBackForTheNextOne() throws Exception {
		this.groups = groups(1, 64);
		Future<String> first = submit(new Item("first", null));
		assertThat(this.firstBatchWriting.await(30, TimeUnit.SECONDS)).isTrue();
		Future<String> a = submit(new Item("a", "k"));
		await().atMost(LONG).until(() -> this.groups.queued() == 1);
		Future<String> b = submit(new Item("b", "k"));
		await().atMost(LONG).until(() -> this.groups.queued() == 2);
		Future<String> c = submit(new Item("c", "other"));
		await().atMost(LONG).until(() -> this.groups.queued() == 3);

		this.release.countDown();

		for (Future<String> answer : List.of(first, a, b, c)) {
			assertThat(answer.get(30, TimeUnit.SECONDS)).startsWith("written");
		}
		assertThat(this.batches).containsExactly(List.of("first"), List.of("a", "c"), List.of("b"));
	}

	@Test
	void splitKeepsTheOrderAndDropsWithdrawnTickets() {
		CommitGroups.Ticket<Item, String> a = new CommitGroups.Ticket<>(new Item("a", "k"));
		CommitGroups.Ticket<Item, String> b = new CommitGroups.Ticket<>(new Item("b", null));
		CommitGroups.Ticket<Item, String> c = new CommitGroups.Ticket<>(new Item("c", "k"));
		CommitGroups.Ticket<Item, String> d = new CommitGroups.Ticket<>(new Item("d", null));
		CommitGroups.Ticket<Item, String> e = new CommitGroups.Ticket<>(new Item("e", "j"));
		assertThat(d.withdraw()).isTrue();

		CommitGroups.Batch<Item, String> batch = CommitGroups.split(List.of(a, b, c, d, e), Item::key);

		assertThat(batch.members()).containsExactly(a, b, e);
		assertThat(batch.heldBack()).containsExactly(c);
	}

	@Test
	void aSubmissionNoWriterTookInTimeIsWithdrawnAndNeverWritten() throws Exception {
		this.groups = groups(1, 64);
		Future<String> first = submit(new Item("first", null));
		assertThat(this.firstBatchWriting.await(30, TimeUnit.SECONDS)).isTrue();

		assertThatExceptionOfType(IntakeUnavailableException.class)
			.isThrownBy(() -> this.groups.submit(new Item("late", null), Duration.ofMillis(50)))
			.satisfies((ex) -> assertThat(ex.getBody().getDetail()).contains("nothing was stored"));

		this.release.countDown();
		first.get(30, TimeUnit.SECONDS);
		assertThat(this.groups.close(LONG)).isTrue();
		assertThat(this.batches).containsExactly(List.of("first"));
	}

	@Test
	void aSubmissionBeingWrittenWhenTheWaitEndsHasAnUnknownOutcome() {
		this.groups = groups(1, 64);

		assertThatExceptionOfType(CommitGroups.StillWritingException.class)
			.isThrownBy(() -> this.groups.submit(new Item("slow", null), Duration.ofMillis(200)));
	}

	@Test
	void closeWritesWhatWasQueuedAndRefusesWhatComesAfter() throws Exception {
		this.groups = groups(2, 64);
		Future<String> first = submit(new Item("first", null));
		assertThat(this.firstBatchWriting.await(30, TimeUnit.SECONDS)).isTrue();
		List<Future<String>> queued = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			queued.add(submit(new Item("order-" + i, null)));
		}
		await().atMost(LONG).until(() -> this.batches.stream().mapToInt(List::size).sum() + this.groups.queued() == 6);
		CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> this.groups.close(LONG));
		await().atMost(LONG)
			.untilAsserted(() -> assertThatExceptionOfType(IntakeUnavailableException.class)
				.isThrownBy(() -> this.groups.submit(new Item("after", null), LONG)));

		this.release.countDown();

		assertThat(closed.get(30, TimeUnit.SECONDS)).isTrue();
		assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("written first");
		for (Future<String> answer : queued) {
			assertThat(answer.get(30, TimeUnit.SECONDS)).startsWith("written order-");
		}
		assertThat(this.batches.stream().flatMap(List::stream)).doesNotContain("after").hasSize(6);
	}

	@Test
	void aSubmissionTheWriterDidNotAnswerFails() {
		this.groups = new CommitGroups<>("test-writer", 1, 64, Item::key, (batch) -> {
		}, this.sizes::add);

		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> this.groups.submit(new Item("forgotten", null), LONG))
			.withMessageContaining("no answer");
	}

	@Test
	void aWriterFailureAnswersEverySubmissionOfTheBatch() {
		IllegalArgumentException failure = new IllegalArgumentException("boom");
		this.groups = new CommitGroups<>("test-writer", 1, 64, Item::key, (batch) -> {
			throw failure;
		}, this.sizes::add);

		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.groups.submit(new Item("doomed", null), LONG))
			.isSameAs(failure);
	}

	private CommitGroups<Item, String> groups(int writers, int maxBatch) {
		return new CommitGroups<>("test-writer", writers, maxBatch, Item::key, (batch) -> {
			this.batches.add(batch.stream().map((ticket) -> ticket.item().name()).toList());
			if (this.firstBatchWriting.getCount() > 0) {
				this.firstBatchWriting.countDown();
				awaitRelease();
			}
			else if (batch.stream().anyMatch((ticket) -> ticket.item().name().equals("slow"))) {
				awaitRelease();
			}
			batch.forEach((ticket) -> ticket.complete("written " + ticket.item().name()));
		}, this.sizes::add);
	}

	private void awaitRelease() {
		try {
			assertThat(this.release.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Future<String> submit(Item item) {
		return this.clients.submit(() -> this.groups.submit(item, LONG));
	}

	/**
	 * A submission.
	 *
	 * @param name what the test calls it
	 * @param key its key, or null
	 */
	record Item(String name, String key) {

	}

}
