-- The authenticated caller (API-key client or JWT subject) that submitted the order; only it may read the order.
alter table orders add column owner varchar(255);
create index orders_owner_idx on orders (owner, created_at);
