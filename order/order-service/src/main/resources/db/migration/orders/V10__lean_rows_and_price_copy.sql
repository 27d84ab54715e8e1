-- A saga's step log and an order's status history travel with their rows, appended by the same statement that moves
-- them: one write per transition instead of one plus a row per log line.
alter table saga_instances add column steps jsonb not null default '[]';
update saga_instances s set steps = coalesce((
    select jsonb_agg(jsonb_build_object('step', l.step, 'action', l.action, 'outcome', l.outcome, 'detail', l.detail,
                                        'at', to_char(l.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) order by l.id)
    from saga_step_log l where l.saga_id = s.saga_id), '[]');
drop table saga_step_log;
-- Replies find the order's active sagas by order id alone.
create index saga_instances_active_by_order on saga_instances (order_id) where status in ('RUNNING', 'COMPENSATING');

alter table orders add column status_history jsonb not null default '[]';
update orders o set status_history = coalesce((
    select jsonb_agg(jsonb_build_object('from', h.from_status, 'to', h.to_status, 'reason', h.reason,
                                        'at', to_char(h.changed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) order by h.id)
    from order_status_history h where h.order_id = o.order_id), '[]');
drop table order_status_history;
-- The admission gate counts the orders still in their saga.
create index orders_pending on orders (created_at) where status = 'PENDING';

-- The catalog's prices as the order service last heard them (product events), so placing an order needs no call to
-- the catalog; a product not known here yet is looked up once and remembered. The price in force is worked out when an
-- order is priced: the sale price inside its window, else the base price, plus the variant's modifier.
create table product_prices (
    product_id     text           not null,
    variant_id     text           not null default '',
    name           text           not null,
    base_price     numeric(12, 2) not null,
    sale_price     numeric(12, 2),
    sale_starts_at timestamptz,
    sale_ends_at   timestamptz,
    price_modifier numeric(12, 2) not null default 0,
    currency       char(3)        not null,
    for_sale       boolean        not null,
    version        bigint         not null,
    primary key (product_id, variant_id)
);
