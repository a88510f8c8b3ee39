package io.orderflow.worker.cleanup;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import io.orderflow.worker.scheduling.LockOwner;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The fence around every batch: the cleanup lock's row in ShedLock's table, checked and
 * renewed inside the batch's own transaction. ShedLock's {@code LockExtender} renews in a
 * transaction of its own, which leaves a gap between the check and the delete; here the
 * renewing update keeps the lock row locked until the batch commits, so another instance
 * cannot take the lock while a batch of this one is uncommitted, and a batch of an
 * instance that lost the lock never commits. Times are the database's, like ShedLock's
 * {@code usingDbTime()}.
 */
@Component
class CleanupLease {

	static final String LOCK_NAME = "orderflow-cleanup";

	private final JdbcClient jdbc;

	private final LockOwner owner;

	private final CleanupProperties properties;

	CleanupLease(JdbcClient jdbc, LockOwner owner, CleanupProperties properties) {
		this.jdbc = jdbc;
		this.owner = owner;
		this.properties = properties;
	}

	/**
	 * Renews the lease for {@code lockAtMostFor} from now, or throws if this instance no
	 * longer holds it.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	void renew() {
		int held = this.jdbc.sql("""
				update shedlock set lock_until = timezone('utc', clock_timestamp()) + make_interval(secs => :seconds)
				where name = :name and locked_by = :owner and lock_until > timezone('utc', clock_timestamp())
				""")
			.param("seconds", this.properties.lockAtMostFor().toMillis() / 1000.0)
			.param("name", LOCK_NAME)
			.param("owner", this.owner.value())
			.update();
		if (held == 0) {
			throw new LockLostException(LOCK_NAME, this.owner,
					current().filter(LockState::held).map(LockState::holder).orElse(null));
		}
	}

	/** The lock as the database sees it; empty before its first use. */
	Optional<LockState> current() {
		return this.jdbc.sql("""
				select locked_by, locked_at, lock_until, lock_until > timezone('utc', clock_timestamp()) as held
				from shedlock where name = :name
				""")
			.param("name", LOCK_NAME)
			.query((rs, row) -> new LockState(rs.getString("locked_by"),
					utc(rs.getObject("locked_at", LocalDateTime.class)),
					utc(rs.getObject("lock_until", LocalDateTime.class)), rs.getBoolean("held")))
			.optional();
	}

	LockOwner owner() {
		return this.owner;
	}

	private static Instant utc(LocalDateTime time) {
		return time.toInstant(ZoneOffset.UTC);
	}

	/**
	 * The cleanup lock's row.
	 *
	 * @param holder instance that took it last
	 * @param lockedAt when it took it
	 * @param lockUntil end of the lease (or of {@code lockAtLeastFor} after a release)
	 * @param held whether the lease is still running
	 */
	record LockState(String holder, Instant lockedAt, Instant lockUntil, boolean held) {

	}

}
