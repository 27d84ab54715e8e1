-- A request claims its key in a short transaction of its own, calls other services with no connection held, and
-- records its response with its work in a second one. Until then the row is a claim: no response yet, the claimant's
-- id and how long its lease runs. The order id is chosen at claim time, so a retry after a crash reuses it (and the
-- cart's hold for it); the cart is remembered so an abandoned claim can let its cart go.
alter table idempotency_keys
    alter column response_status drop not null,
    alter column response_body drop not null,
    add column claim_id text,
    add column locked_until timestamptz,
    add column cart_id text;
create index idempotency_keys_claimed on idempotency_keys (locked_until) where response_status is null;
