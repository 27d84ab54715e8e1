-- What the catalog learns from order events: who bought what (to know verified buyers) and how popular each
-- product is (to rank suggestions). Never read from the order schema.
create table purchases (
    order_id     text        not null,
    product_id   text        not null,
    user_id      text        not null,
    quantity     int         not null,
    delivered_at timestamptz,
    primary key (order_id, product_id)
);
create index purchases_by_buyer on purchases (user_id, product_id);

create table product_popularity (
    product_id     text   primary key,
    units_ordered  bigint not null default 0
);

create table reviews (
    review_id  text        primary key,
    product_id text        not null references products (product_id),
    user_id    text        not null,
    rating     int         not null check (rating between 1 and 5),
    title      text,
    body       text,
    created_at timestamptz not null,
    unique (product_id, user_id)
);
create index reviews_by_product on reviews (product_id, created_at desc);
