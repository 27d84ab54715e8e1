-- One payment per order. Only the gateway token, brand and last four digits of a card are ever stored.
create table payments (
    payment_id        text           primary key,
    order_id          text           not null unique,
    user_id           text,
    amount            numeric(12, 2) not null check (amount > 0),
    currency          char(3)        not null,
    method_type       text           not null,
    card_token        text           not null,
    card_last4        text,
    gateway           text           not null default 'simulator',
    -- Derived from the order, so every attempt for the order is the same charge to the gateway.
    idempotency_key   text           not null unique,
    gateway_charge_id text,
    status            text           not null check (status in ('INITIATED', 'PENDING', 'AUTHORIZED', 'CAPTURED', 'FAILED', 'REFUNDED', 'PARTIALLY_REFUNDED')),
    failure_reason    text,
    amount_refunded   numeric(12, 2) not null default 0 check (amount_refunded >= 0 and amount_refunded <= amount),
    attempts          int            not null default 0,
    next_attempt_at   timestamptz,
    -- A refund was asked for while the outcome was unknown: make it as soon as a capture is confirmed.
    refund_requested  boolean        not null default false,
    created_at        timestamptz    not null default now(),
    updated_at        timestamptz    not null default now()
);
create index payments_to_resolve on payments (next_attempt_at) where status in ('INITIATED', 'PENDING');

create table refunds (
    refund_id         text           primary key,
    payment_id        text           not null references payments (payment_id),
    order_id          text           not null,
    amount            numeric(12, 2) not null check (amount > 0),
    reason            text           not null,
    status            text           not null check (status in ('PENDING', 'PROCESSED', 'FAILED')),
    idempotency_key   text           not null unique,
    gateway_refund_id text,
    attempts          int            not null default 0,
    next_attempt_at   timestamptz,
    created_at        timestamptz    not null default now(),
    updated_at        timestamptz    not null default now()
);
create index refunds_to_resolve on refunds (next_attempt_at) where status = 'PENDING';
