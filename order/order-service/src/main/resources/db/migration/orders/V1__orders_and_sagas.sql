create table orders (
    order_id            text           primary key,
    order_number        text           not null unique,
    user_id             text           not null,
    cart_id             text,
    checkout_id         text,
    status              text           not null,
    payment_status      text           not null,
    subtotal            numeric(12, 2) not null,
    discount_amount     numeric(12, 2) not null default 0,
    tax_amount          numeric(12, 2) not null default 0,
    shipping_amount     numeric(12, 2) not null default 0,
    total_amount        numeric(12, 2) not null check (total_amount >= 0),
    currency            char(3)        not null,
    shipping_address    jsonb,
    payment_method_type text,
    payment_id          text,
    transaction_id      text,
    failure_reason      text,
    tracking_number     text,
    created_at          timestamptz    not null,
    updated_at          timestamptz    not null
);
create index orders_by_user on orders (user_id, created_at desc);
create index orders_by_status on orders (status, created_at desc);
-- One live order per cart: a cart cannot be checked out twice while an order holds it.
create unique index one_live_order_per_cart on orders (cart_id) where cart_id is not null and status in ('PENDING', 'CONFIRMED', 'PROCESSING', 'SHIPPED', 'DELIVERED');

create table order_items (
    order_id    text           not null references orders (order_id),
    line_number int            not null,
    product_id  text           not null,
    variant_id  text,
    name        text,
    quantity    int            not null check (quantity > 0),
    unit_price  numeric(12, 2) not null check (unit_price >= 0),
    total_price numeric(12, 2) not null,
    primary key (order_id, line_number)
);

create table order_status_history (
    id          bigint generated always as identity primary key,
    order_id    text        not null references orders (order_id),
    from_status text,
    to_status   text        not null,
    reason      text,
    changed_at  timestamptz not null
);
create index order_status_history_by_order on order_status_history (order_id, id);

-- Stripe-style idempotency keys, scoped to the user, kept 24 h. Only completed requests are stored; a request in
-- flight holds a transaction-scoped advisory lock on (user, key) instead, so a crash leaves nothing behind.
create table idempotency_keys (
    user_id         text        not null,
    idempotency_key text        not null,
    request_hash    text        not null,
    response_status int         not null,
    response_body   jsonb       not null,
    resource_id     text,
    created_at      timestamptz not null default now(),
    expires_at      timestamptz not null,
    primary key (user_id, idempotency_key)
);
create index idempotency_keys_expiring on idempotency_keys (expires_at);

-- The checkout saga's state, persisted after every step, and its step log (seed 002, 7.8).
create table saga_instances (
    saga_id        text        primary key,
    saga_type      text        not null,
    order_id       text        not null,
    status         text        not null check (status in ('RUNNING', 'COMPENSATING', 'COMPLETED', 'COMPENSATED', 'FAILED')),
    step_index     int         not null,
    data           jsonb       not null,
    failure_reason text,
    attempts       int         not null default 0,
    deadline_at    timestamptz,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    unique (saga_type, order_id)
);
create index saga_instances_due on saga_instances (deadline_at) where status in ('RUNNING', 'COMPENSATING');
create index saga_instances_by_status on saga_instances (status, updated_at desc);

create table saga_step_log (
    id       bigint generated always as identity primary key,
    saga_id  text        not null references saga_instances (saga_id),
    step     text        not null,
    action   text        not null,
    outcome  text        not null,
    detail   text,
    at       timestamptz not null
);
create index saga_step_log_by_saga on saga_step_log (saga_id, id);
