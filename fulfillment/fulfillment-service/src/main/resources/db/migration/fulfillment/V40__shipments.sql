-- One shipment per confirmed order, made with its pick list; its status moves PENDING -> SHIPPED -> DELIVERED, or
-- PENDING -> CANCELLED when the order is cancelled before it ships.
create table shipments (
    shipment_id     text        primary key,
    order_id        text        not null unique,
    user_id         text,
    pick_list_id    text        references pick_lists (pick_list_id),
    status          text        not null default 'PENDING' check (status in ('PENDING', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
    carrier         text,
    tracking_number text,
    created_at      timestamptz not null default now(),
    shipped_at      timestamptz,
    delivered_at    timestamptz,
    cancelled_at    timestamptz
);
create index shipments_by_status on shipments (status, created_at desc);
