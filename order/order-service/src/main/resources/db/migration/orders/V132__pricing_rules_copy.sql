-- The order service's copy of pricing's rules (tax and shipping by country), from pricing's PricingRulesChanged:
-- an order without a coupon is quoted from it instead of by a call to pricing. One row.
create table orders.pricing_rules (
    only_row     boolean primary key default true check (only_row),
    rules        jsonb       not null,
    announced_at timestamptz not null,
    updated_at   timestamptz not null default now()
);
