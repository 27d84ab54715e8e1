-- The durable copy of every cart (Redis holds the hot copy). Written through on every change, so a cart survives a
-- Redis flush or restart and a crash of any process. One row per cart, its items as a JSON array, mirroring the Redis
-- layout: a change to a cart is a single conditional update (version = expected), which is also what keeps concurrent
-- writers from losing each other's changes.
create table carts (
    cart_id      text        primary key,
    user_id      text,                        -- null for a guest cart
    status       text        not null check (status in ('ACTIVE', 'CHECKED_OUT', 'CONVERTED', 'MERGED', 'EXPIRED')),
    currency     char(3)     not null default 'USD',
    items        jsonb       not null default '[]',
    holder_id    text,                        -- the checkout or order holding a CHECKED_OUT cart
    order_id     text,                        -- the order placed from it, once known
    merged_into  text,                        -- the user cart a MERGED guest cart went into
    checkout     text,                        -- the answer given to the holder (JSON), repeated to it verbatim
    version      bigint      not null,
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    reminded_at  timestamptz                  -- when the abandonment reminder was published; once per cart
);
-- One current cart per user: POST /carts returns it, and a race to create it ends with one.
create unique index carts_one_current_per_user on carts (user_id) where status in ('ACTIVE', 'CHECKED_OUT');
create index carts_idle_guests on carts (updated_at) where user_id is null and status = 'ACTIVE';
create index carts_abandonment_candidates on carts (updated_at)
    where user_id is not null and status = 'ACTIVE' and reminded_at is null;

-- What the cart knows of each product: a copy fed by catalog-events (name, price, status) and inventory-events
-- (availability), so reading a cart never calls another service. revision increases with every change of the row and
-- orders the writes of its Redis mirror.
create table product_copies (
    product_id       text          primary key,
    name             text,
    status           text,
    currency         char(3),
    unit_price       numeric(12, 2),
    catalog_version  bigint        not null default 0,   -- 0: no catalog data yet (only stock seen so far)
    available        int,                               -- summed over warehouses and variants; null: never seen
    variants         jsonb         not null default '{}', -- variant_id -> {name, unit_price, available}
    revision         bigint        not null default 1,
    updated_at       timestamptz   not null default now()
);
