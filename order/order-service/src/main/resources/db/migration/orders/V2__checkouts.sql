-- Two-step checkouts: a cart's contents reserved and priced until expires_at, then paid (becoming an order) or left.
create table checkouts (
    checkout_id      text           primary key,
    user_id          text           not null,
    cart_id          text           not null,
    status           text           not null check (status in ('RESERVING', 'RESERVED', 'PAID', 'EXPIRED', 'FAILED')),
    lines            jsonb          not null,
    subtotal         numeric(12, 2) not null,
    discount_amount  numeric(12, 2) not null,
    tax_amount       numeric(12, 2) not null,
    shipping_amount  numeric(12, 2) not null,
    total_amount     numeric(12, 2) not null,
    currency         char(3)        not null,
    shipping_address jsonb          not null,
    price_changes    jsonb          not null default '[]',
    warnings         jsonb          not null default '[]',
    failed_items     jsonb,
    order_id         text,
    expires_at       timestamptz    not null,
    created_at       timestamptz    not null default now(),
    updated_at       timestamptz    not null default now()
);
-- One open checkout per cart: posting again for the cart finds it instead of reserving twice.
create unique index one_open_checkout_per_cart on checkouts (cart_id) where status in ('RESERVING', 'RESERVED');
create index checkouts_expiring on checkouts (expires_at) where status in ('RESERVING', 'RESERVED');
create unique index one_order_per_checkout on orders (checkout_id) where checkout_id is not null;
