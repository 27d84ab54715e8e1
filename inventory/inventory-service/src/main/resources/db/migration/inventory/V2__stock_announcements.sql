-- Products whose stock changed since their level was last announced on inventory-events. A change marks its product
-- here in its own transaction (bumping the count if it is marked already); the announcer publishes each marked
-- product's level as it then is and unmarks it. A flash sale's thousands of reservations thus make a handful of
-- StockLevelChanged events, and a reservation holds the hot stock row's lock without writing an event.
create table stock_announcements (
    product_id text        primary key,
    changes    bigint      not null default 1,
    since      timestamptz not null default now()
);
