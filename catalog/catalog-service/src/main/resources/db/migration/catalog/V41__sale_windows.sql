-- A sale price may be limited to a window: in force from sale_starts_at (null: already) until sale_ends_at (null: no end).
alter table products add column sale_starts_at timestamptz;
alter table products add column sale_ends_at timestamptz;
alter table products add constraint products_sale_window check (sale_ends_at is null or sale_starts_at is null or sale_ends_at > sale_starts_at);
