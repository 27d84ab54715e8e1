-- A change of stock is noted by appending a row, never by updating one: the reservation that takes a flash sale's last
-- units must not queue on a second hot row (the old mark per product) besides the stock row itself. The announcer
-- deletes what it has announced.
create table stock_changes (
    id         bigint      generated always as identity primary key,
    product_id text        not null,
    noted_at   timestamptz not null default now()
);
insert into stock_changes (product_id) select product_id from stock_announcements;
drop table stock_announcements;
