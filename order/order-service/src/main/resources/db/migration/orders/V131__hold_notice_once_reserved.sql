-- A flash sale's token lives life_once_reserved_ms from the moment its customer first sees it (a poll answering
-- ADMITTED); notice_once_reserved_ms is how long, from the reservation, the customer has to look before the units go
-- to the next in line. Once inventory answers, expires_at becomes the answer's time plus both; the first look cuts it to
-- that moment plus life_once_reserved_ms. Null for a two-step checkout, and for holds made before this column (those
-- live life_once_reserved_ms from the reservation, as they were promised).
alter table checkouts add column notice_once_reserved_ms bigint check (notice_once_reserved_ms >= 0);
