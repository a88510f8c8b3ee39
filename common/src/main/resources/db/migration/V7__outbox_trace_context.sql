-- The W3C trace context (traceparent) of the request that stored the order, so that the relay,
-- which publishes later on its own thread, continues that trace instead of starting a new one.
alter table outbox add column traceparent varchar(55);
