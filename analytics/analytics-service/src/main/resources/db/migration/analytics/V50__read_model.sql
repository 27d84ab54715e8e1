-- The analytics read model, built only from the services' events. Events of one order arrive on several topics in
-- no agreed order (a payment's outcome may come before its order's placement), so each event fills in its own
-- columns of a row it creates when it is the first to arrive.
create table orders (
    order_id       text          primary key,
    user_id        text,
    cart_id        text,
    total_amount   numeric(19, 2),
    currency       text,
    placed_at      timestamptz,
    confirmed_at   timestamptz,
    failed_at      timestamptz,
    failure_reason text,
    cancelled_at   timestamptz
);
create index orders_by_placed_at on orders (placed_at);
create index orders_by_confirmed_at on orders (confirmed_at);
create index orders_by_failed_at on orders (failed_at);
create index orders_by_cancelled_at on orders (cancelled_at);

-- The lines of confirmed orders, for the top products.
create table order_lines (
    order_id    text           not null,
    line_number int            not null,
    product_id  text           not null,
    quantity    int            not null,
    unit_price  numeric(19, 2) not null,
    primary key (order_id, line_number)
);
create index order_lines_by_product on order_lines (product_id);

-- Each charge's outcome, once: what the payment success rate counts.
create table payments (
    order_id    text        primary key,
    succeeded   boolean     not null,
    reason      text,
    occurred_at timestamptz not null
);
create index payments_by_occurred_at on payments (occurred_at);

-- Carts that were left (the cart service says so once per cart).
create table abandoned_carts (
    cart_id     text        primary key,
    detected_at timestamptz not null
);
create index abandoned_carts_by_detected_at on abandoned_carts (detected_at);

-- Product names for the top products, the newest version of each.
create table products (
    product_id text   primary key,
    name       text   not null,
    version    bigint not null
);

-- Two-step checkouts that ran out of time unpaid: checkouts of the funnel that never became orders.
create table expired_checkouts (
    checkout_id text        primary key,
    cart_id     text,
    expired_at  timestamptz not null
);
create index expired_checkouts_by_expired_at on expired_checkouts (expired_at);
