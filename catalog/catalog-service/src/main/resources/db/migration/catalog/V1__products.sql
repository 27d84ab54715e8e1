create table categories (
    category_id text primary key,
    name        text not null,
    path        text not null unique,
    parent_id   text references categories (category_id),
    level       int  not null
);

create table products (
    product_id         text          primary key,
    sku                text          not null unique,
    name               text          not null,
    description        text,
    brand              text,
    category_path      text,
    category_id        text references categories (category_id),
    base_price         numeric(12, 2) not null check (base_price >= 0),
    sale_price         numeric(12, 2) check (sale_price >= 0),
    currency           char(3)       not null default 'USD',
    attributes         jsonb         not null default '{}',
    status             text          not null default 'ACTIVE' check (status in ('ACTIVE', 'INACTIVE')),
    rating             numeric(3, 2) not null default 0,
    review_count       int           not null default 0,
    -- A copy of inventory's availability, from its stock events (summed over warehouses and variants).
    available_quantity int           not null default 0,
    version            bigint        not null default 1,
    created_at         timestamptz   not null default now(),
    updated_at         timestamptz   not null default now()
);
create index products_by_category on products (category_path);
create index products_by_brand on products (lower(brand));
create index products_by_created on products (created_at desc);

create table variants (
    variant_id         text           primary key,
    product_id         text           not null references products (product_id) on delete cascade,
    sku                text           not null unique,
    name               text,
    attributes         jsonb          not null default '{}',
    price_modifier     numeric(12, 2) not null default 0,
    available_quantity int            not null default 0,
    position           int            not null
);
create index variants_by_product on variants (product_id, position);
