-- Gateway charges the reconciliation has settled for good: matched to a confirmed order (such a charge only ever goes
-- back through a refund the order asks for) or refunded by the reconciliation itself. Later runs skip them.
create table reconciled_charges (
    charge_id     text        primary key,
    order_id      text,
    outcome       text        not null check (outcome in ('MATCHED', 'REFUNDED', 'REFUNDED_UNKNOWN_CHARGE')),
    reconciled_at timestamptz not null default now()
);
