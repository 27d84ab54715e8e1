-- What was sent to whom, by which channel; at most one notification of a kind per order.
create table notifications (
    notification_id text        primary key,
    order_id        text        not null,
    user_id         text        not null,
    kind            text        not null,
    channel         text        not null,
    recipient       text        not null,
    body            text        not null,
    status          text        not null check (status in ('SENT', 'FAILED')),
    created_at      timestamptz not null default now(),
    unique (order_id, kind)
);
create index notifications_by_order on notifications (order_id);
