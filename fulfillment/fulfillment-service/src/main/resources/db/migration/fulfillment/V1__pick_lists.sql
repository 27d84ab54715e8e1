create table pick_lists (
    pick_list_id     text        primary key,
    order_id         text        not null unique,
    order_number     text,
    status           text        not null default 'CREATED' check (status in ('CREATED', 'PICKED', 'PACKED', 'SHIPPED')),
    shipping_address jsonb,
    created_at       timestamptz not null default now()
);

create table pick_list_lines (
    pick_list_id text not null references pick_lists (pick_list_id),
    line_number  int  not null,
    product_id   text not null,
    variant_id   text,
    quantity     int  not null check (quantity > 0),
    primary key (pick_list_id, line_number)
);
