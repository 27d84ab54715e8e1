-- The order's copy of its shipments, kept from fulfillment's events, for the order view.
create table order_shipments (
    shipment_id     text        primary key,
    order_id        text        not null,
    status          text        not null,
    carrier         text,
    tracking_number text,
    shipped_at      timestamptz,
    delivered_at    timestamptz
);
create index order_shipments_by_order on order_shipments (order_id);
