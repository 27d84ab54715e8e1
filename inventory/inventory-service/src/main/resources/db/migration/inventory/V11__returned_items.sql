-- Units of confirmed sales that came back in customers' returns, once per return: what each restock put back on which
-- stock row, so a resent command changes nothing and no line is returned beyond what it sold.
create table returned_items (
    restock_id text        not null,
    owner_id   text        not null,
    stock_id   bigint      not null,
    quantity   int         not null check (quantity > 0),
    created_at timestamptz not null default now(),
    primary key (restock_id, stock_id)
);
create index returned_items_by_owner on returned_items (owner_id);
