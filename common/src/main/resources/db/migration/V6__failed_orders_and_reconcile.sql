-- Migrations run on the services' pooled connections, whose statement_timeout (30 s) an index build
-- on a large table could outlast; lock_timeout stays, so a migration never queues traffic behind it.
set local statement_timeout = 0;

-- FAILED: the order could not be processed and an operator must act; failure_reason says why and
-- dead_letter where its record went. A replay from orders-dlt can still complete it.
alter table orders drop constraint orders_status_check;
alter table orders add constraint orders_status_check
    check (status in ('PENDING', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED'));
alter table orders add column failure_reason varchar(1000);
alter table orders add column dead_letter varchar(255);

-- How often the reconcile job re-drove the order through Kafka.
alter table orders add column reconcile_count integer not null default 0;

-- The reconcile job's search for orders stuck in a non-terminal status; terminal rows stay out of it.
create index orders_unfinished_idx on orders (updated_at) where status in ('PENDING', 'PROCESSING');
