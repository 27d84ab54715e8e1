-- A coupon and its two counters: in_use (held by a live checkout or order, or redeemed) gates new holds under a
-- conditional UPDATE, so at most max_redemptions uses ever coexist; redemptions counts confirmed orders only.
create table coupons (
    code                     text          primary key, -- upper case: codes are case-insensitive
    type                     text          not null check (type in ('PERCENT', 'FIXED')),
    value                    numeric(12, 2) not null check (value > 0),
    currency                 text          not null,
    min_subtotal             numeric(12, 2),
    starts_at                timestamptz,
    ends_at                  timestamptz,
    max_redemptions          int           check (max_redemptions > 0),
    max_redemptions_per_user int           check (max_redemptions_per_user > 0),
    active                   boolean       not null default true,
    in_use                   int           not null default 0 check (in_use >= 0),
    redemptions              int           not null default 0 check (redemptions >= 0),
    created_at               timestamptz   not null default now(),
    check (max_redemptions is null or in_use <= max_redemptions)
);

-- One use of a coupon, held for a checkout or an order (hold_id: the id the quote was made for); order_id is set
-- when a checkout becomes an order, so the order's fate settles the hold.
create table coupon_holds (
    hold_id    text          primary key,
    order_id   text          unique,
    code       text          not null references coupons (code),
    user_id    text          not null,
    discount   numeric(12, 2) not null,
    status     text          not null check (status in ('HELD', 'REDEEMED', 'RELEASED')),
    held_at    timestamptz   not null default now(),
    settled_at timestamptz
);

create index coupon_holds_live_per_user on coupon_holds (code, user_id) where status in ('HELD', 'REDEEMED');
