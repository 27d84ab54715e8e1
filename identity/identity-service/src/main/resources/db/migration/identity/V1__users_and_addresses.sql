create table users (
    user_id          text        primary key,
    email            text        not null,
    email_normalized text        not null unique,
    password_hash    text        not null,
    first_name       text,
    last_name        text,
    roles            text[]      not null default '{USER}',
    status           text        not null default 'ACTIVE' check (status in ('ACTIVE', 'SUSPENDED', 'DELETED')),
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now()
);

create table addresses (
    address_id  text        primary key,
    user_id     text        not null references users (user_id),
    type        text        not null default 'SHIPPING' check (type in ('SHIPPING', 'BILLING')),
    street      text        not null,
    city        text        not null,
    state       text,
    zip         text        not null,
    country     text        not null,
    is_default  boolean     not null default false,
    created_at  timestamptz not null default now()
);
create index addresses_by_user on addresses (user_id, created_at);
-- At most one default address per user and type.
create unique index one_default_address on addresses (user_id, type) where is_default;
