-- Flash sales: a fixed number of units of one product at a sale price in a window, at most per_user_limit a customer.
create table flash_sales (
    flash_sale_id  text           primary key,
    product_id     text           not null,
    variant_id     text,
    quantity       integer        not null check (quantity > 0),
    sale_price     numeric(12, 2) not null check (sale_price >= 0),
    currency       char(3)        not null,
    product_name   text           not null,
    starts_at      timestamptz    not null,
    ends_at        timestamptz    not null,
    per_user_limit integer        not null check (per_user_limit > 0),
    created_at     timestamptz    not null default now(),
    check (ends_at > starts_at)
);

-- A customer's place in a sale's waiting room, of record (Redis keeps the queue's order for fast positions). One ticket
-- per customer and sale: the per-customer limit holds across retries because there is never a second ticket. Once
-- admitted, checkout_id names the hold (a checkout row, keyed by this ticket as its "cart") that the purchase token buys.
create table flash_sale_tickets (
    ticket_id      text             primary key,
    flash_sale_id  text             not null references flash_sales,
    user_id        text             not null,
    quantity       integer          not null check (quantity > 0),
    queue_score    double precision not null,
    checkout_id    text,
    purchase_token text             unique,
    joined_at      timestamptz      not null,
    unique (flash_sale_id, user_id)
);
create index flash_sale_tickets_of_holds on flash_sale_tickets (flash_sale_id) where checkout_id is not null;
