-- Idempotency-Key support (draft-ietf-httpapi-idempotency-key-header): the key travels with the order.
alter table orders add column idempotency_key varchar(255);

-- One row per (caller, key): the fingerprint of the first request and the order it created.
create table idempotency_keys (
    caller           varchar(255) not null,
    idempotency_key  varchar(255) not null,
    request_hash     char(64)     not null,
    order_id         uuid         not null,
    created_at       timestamptz  not null default now(),
    expires_at       timestamptz  not null,
    primary key (caller, idempotency_key)
);

-- Drives the cleanup of expired keys.
create index idempotency_keys_expires_at_idx on idempotency_keys (expires_at);
