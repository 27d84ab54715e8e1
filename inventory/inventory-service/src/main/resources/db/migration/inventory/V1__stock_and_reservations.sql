create table warehouses (
    warehouse_id text        primary key,
    -- Reservations take from the warehouse with the lowest priority number first.
    priority     int         not null,
    created_at   timestamptz not null default now()
);

-- Stock per product, variant and warehouse. PostgreSQL is the truth: a reservation is made here by a conditional
-- update before anything is charged, and these constraints make it impossible to reserve what is not there.
create table stock (
    stock_id            bigint generated always as identity primary key,
    product_id          text        not null,
    variant_id          text,
    warehouse_id        text        not null references warehouses (warehouse_id),
    quantity_total      int         not null check (quantity_total >= 0),
    quantity_reserved   int         not null default 0 check (quantity_reserved >= 0),
    quantity_available  int         generated always as (quantity_total - quantity_reserved) stored,
    low_stock_threshold int         not null default 10,
    version             bigint      not null default 0,
    updated_at          timestamptz not null default now(),
    constraint reserved_within_total check (quantity_reserved <= quantity_total),
    constraint one_row_per_place unique nulls not distinct (product_id, variant_id, warehouse_id)
);
create index stock_by_product on stock (product_id, variant_id);

create table reservations (
    reservation_id   text        primary key,
    -- The order, or before payment the checkout, that holds the reservation; one reservation per owner.
    owner_id         text        not null unique,
    adopted_from     text,
    status           text        not null check (status in ('PENDING', 'CONFIRMED', 'RELEASED', 'EXPIRED', 'REJECTED', 'RESTOCKED')),
    -- For a refused attempt: what was short, so a repeated command gets the same answer.
    failure          jsonb,
    expires_at       timestamptz not null,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);
create index reservations_expiring on reservations (expires_at) where status = 'PENDING';

create table reservation_lines (
    reservation_id text   not null references reservations (reservation_id),
    stock_id       bigint not null references stock (stock_id),
    product_id     text   not null,
    variant_id     text,
    warehouse_id   text   not null,
    quantity       int    not null check (quantity > 0),
    primary key (reservation_id, stock_id)
);
