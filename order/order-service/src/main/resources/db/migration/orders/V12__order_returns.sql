-- Customers' returns of delivered orders (seed 002, 7.3): what comes back, what it refunds, where it stands.
create table order_returns (
    return_id        text           primary key,
    order_id         text           not null references orders (order_id),
    user_id          text           not null,
    reason           text,
    items            jsonb          not null,
    refund_amount    numeric(12, 2) not null check (refund_amount >= 0),
    completes_order  boolean        not null,
    status           text           not null check (status in ('REQUESTED', 'APPROVED', 'REFUNDED', 'REJECTED')),
    rejection_reason text,
    created_at       timestamptz    not null,
    updated_at       timestamptz    not null
);
create index order_returns_by_order on order_returns (order_id);
create index order_returns_by_status on order_returns (status, created_at desc);
