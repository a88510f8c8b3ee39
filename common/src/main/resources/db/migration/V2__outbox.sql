-- Transactional outbox: written in the order's transaction, published to Kafka by the api-service's
-- relay, and marked published only after the broker acknowledged the record.
create table outbox (
    id              bigint generated always as identity primary key,
    order_id        uuid         not null,
    idempotency_key varchar(255),
    created_at      timestamptz  not null default now(),
    published_at    timestamptz
);

-- The relay's work queue: unpublished rows in id order, claimed with FOR UPDATE SKIP LOCKED.
create index outbox_unpublished_idx on outbox (id) where published_at is null;
-- Cleanup of published rows by age.
create index outbox_published_at_idx on outbox (published_at) where published_at is not null;

-- Wakes the relays at commit time (NOTIFY is delivered on commit), so an order reaches Kafka
-- without waiting for the next poll.
create function notify_outbox() returns trigger language plpgsql as $$
begin
    perform pg_notify('orderflow_outbox', '');
    return null;
end $$;

create trigger outbox_notify after insert on outbox for each statement execute function notify_outbox();
