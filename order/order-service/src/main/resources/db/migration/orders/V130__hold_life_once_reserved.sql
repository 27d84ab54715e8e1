-- A flash sale's hold lives a purchase token's life from the moment its stock is reserved, not from its admission:
-- while it is RESERVING, expires_at is only how long it may wait for inventory; once inventory answers, expires_at
-- becomes the answer's time plus life_once_reserved_ms. Null for a two-step checkout, whose time starts when it opens.
alter table checkouts add column life_once_reserved_ms bigint check (life_once_reserved_ms > 0);
