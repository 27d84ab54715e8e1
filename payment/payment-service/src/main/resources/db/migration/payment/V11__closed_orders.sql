-- Orders whose saga gave up (failed or cancelled), or that asked for a refund before any charge was recorded: a charge
-- command for one of them that comes late (a slow partition, a replayed dead letter) is refused, never made.
create table closed_orders (
    order_id  text        primary key,
    reason    text        not null,
    closed_at timestamptz not null default now()
);
