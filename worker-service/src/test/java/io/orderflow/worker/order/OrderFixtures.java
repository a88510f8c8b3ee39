package io.orderflow.worker.order;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.orderflow.common.messaging.TopicsProperties;
import io.orderflow.infrastructure.TopicRecords;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Test data and probes for worker tests: orders stored as the api-service stores them,
 * records produced as any client would, and the dead-letter topic read without a consumer
 * group.
 */
final class OrderFixtures implements AutoCloseable {

	static final Duration TIMEOUT = Duration.ofSeconds(90);

	private final JdbcClient jdbc;

	private final String bootstrapServers;

	private final TopicsProperties topics;

	private final KafkaProducer<String, byte[]> producer;

	/** SKUs of one fixture, so tests never share stock. */
	private final String prefix = "T" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";

	OrderFixtures(JdbcClient jdbc, String bootstrapServers, TopicsProperties topics) {
		this.jdbc = jdbc;
		this.bootstrapServers = bootstrapServers;
		this.topics = topics;
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer());
	}

	@Override
	public void close() {
		this.producer.close();
	}

	String sku(String name) {
		return this.prefix + name;
	}

	void stock(String sku, long available) {
		this.jdbc.sql("insert into inventory (sku, available) values (:sku, :available)")
			.param("sku", sku(sku))
			.param("available", available)
			.update();
	}

	PendingOrder.Line line(String sku, int quantity, String unitPrice) {
		return new PendingOrder.Line(sku(sku), quantity, new BigDecimal(unitPrice));
	}

	/** Stores a PENDING order as the api-service would. */
	UUID order(PendingOrder.Line... lines) {
		return order(UUID.randomUUID(), lines);
	}

	/** Stores a PENDING order with the given id. */
	UUID order(UUID id, PendingOrder.Line... lines) {
		BigDecimal total = BigDecimal.ZERO;
		for (PendingOrder.Line line : lines) {
			total = total.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
		}
		this.jdbc.sql(
				"insert into orders (id, customer_id, currency, total, status) values (:id, 'c', 'EUR', :total, 'PENDING')")
			.param("id", id)
			.param("total", total)
			.update();
		int lineNo = 0;
		for (PendingOrder.Line line : lines) {
			this.jdbc.sql("""
					insert into order_items (order_id, line_no, sku, quantity, unit_price)
					values (:id, :lineNo, :sku, :quantity, :unitPrice)
					""")
				.params(Map.of("id", id, "lineNo", ++lineNo, "sku", line.sku(), "quantity", line.quantity(),
						"unitPrice", line.unitPrice()))
				.update();
		}
		this.jdbc.sql("insert into audit_logs (order_id, event) values (:id, 'CREATED')").param("id", id).update();
		return id;
	}

	/**
	 * Makes every attempt to complete order {@code id} fail inside the database with
	 * SQLSTATE {@code sqlState} ({@code P0001}, a plain error, is permanent;
	 * {@code 40001}, a serialization failure, transient), until the returned fault is
	 * closed.
	 */
	CompletionFault failCompletion(UUID id, String sqlState) {
		this.jdbc
			.sql("create table if not exists completion_faults (order_id uuid primary key, sql_state char(5) not null)")
			.update();
		this.jdbc
			.sql("""
					create or replace function fail_completion() returns trigger language plpgsql as $$
					declare
					    state char(5);
					begin
					    select sql_state into state from completion_faults where order_id = new.id;
					    if state is not null and new.status = 'COMPLETED' then
					        raise exception 'simulated % failure for order %',
					            case when state = 'P0001' then 'permanent' else 'transient' end, new.id using errcode = state;
					    end if;
					    return new;
					end $$""")
			.update();
		this.jdbc.sql("drop trigger if exists fail_completion on orders").update();
		this.jdbc.sql(
				"create trigger fail_completion before update on orders for each row execute function fail_completion()")
			.update();
		this.jdbc.sql("insert into completion_faults (order_id, sql_state) values (:id, :state)")
			.param("id", id)
			.param("state", sqlState)
			.update();
		return () -> this.jdbc.sql("delete from completion_faults where order_id = :id").param("id", id).update();
	}

	/**
	 * A fault injected by {@link #failCompletion}; closing it lets the order complete
	 * again.
	 */
	interface CompletionFault extends AutoCloseable {

		@Override
		void close();

	}

	/**
	 * Publishes the contract's JSON, keyed by order id, as any producer in any language
	 * would.
	 */
	void send(UUID id) {
		sendRaw(null, id.toString(), json(id));
	}

	/**
	 * Publishes exactly these bytes; {@code partition} null lets the key choose. Returns
	 * its offset.
	 */
	long sendRaw(Integer partition, String key, byte[] value) {
		try {
			return this.producer.send(new ProducerRecord<>(this.topics.orders(), partition, key, value))
				.get(30, TimeUnit.SECONDS)
				.offset();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot publish test record", ex);
		}
	}

	static byte[] json(UUID id) {
		return ("{\"orderId\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8);
	}

	void awaitStatus(UUID id, String status) {
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(status(id)).isEqualTo(status));
	}

	String status(UUID id) {
		return this.jdbc.sql("select status from orders where id = :id").param("id", id).query(String.class).single();
	}

	long available(String sku) {
		return this.jdbc.sql("select available from inventory where sku = :sku")
			.param("sku", sku(sku))
			.query(Long.class)
			.single();
	}

	String rejectionReason(UUID id) {
		return this.jdbc.sql("select rejection_reason from orders where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
	}

	List<String> events(UUID id) {
		return this.jdbc.sql("select event from audit_logs where order_id = :id order by id")
			.param("id", id)
			.query(String.class)
			.list();
	}

	long countWithStatus(List<UUID> ids, String... statuses) {
		return this.jdbc.sql("select count(*) from orders where id = any(:ids) and status = any(:statuses)")
			.param("ids", ids.toArray(UUID[]::new))
			.param("statuses", statuses)
			.query(Long.class)
			.single();
	}

	/**
	 * Every record on the dead-letter topic, read from the beginning without a consumer
	 * group.
	 */
	List<ConsumerRecord<String, byte[]>> deadLetters() {
		return TopicRecords.readAll(this.bootstrapServers, this.topics.ordersDeadLetter());
	}

	/** Dead letters whose key is {@code key}. */
	List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
		return deadLetters().stream().filter((record) -> key.equals(record.key())).toList();
	}

	static String header(ConsumerRecord<?, ?> record, String name) {
		org.apache.kafka.common.header.Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

}
