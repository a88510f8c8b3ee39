-- One row per run of the worker's cleanup job: who ran it, when, and what it deleted. The counters
-- are updated in the same transaction as each batch's deletes, so they match what was committed,
-- even for a run that was killed half-way.
create table cleanup_runs (
    id                       bigint generated always as identity primary key,
    instance                 varchar(255) not null,
    trigger                  varchar(16)  not null check (trigger in ('SCHEDULED', 'MANUAL')),
    status                   varchar(16)  not null
        check (status in ('RUNNING', 'COMPLETED', 'LOCK_LOST', 'FAILED', 'INTERRUPTED', 'ABANDONED')),
    started_at               timestamptz  not null default clock_timestamp(),
    finished_at              timestamptz,
    batches                  integer      not null default 0,
    audit_logs_deleted       bigint       not null default 0,
    idempotency_keys_deleted bigint       not null default 0,
    outbox_deleted           bigint       not null default 0,
    cleanup_runs_deleted     bigint       not null default 0,
    error                    varchar(1000)
);

create index cleanup_runs_started_at_idx on cleanup_runs (started_at);
