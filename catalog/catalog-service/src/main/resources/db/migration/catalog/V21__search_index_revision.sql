-- Every write to a product row takes the next revision, whatever wrote it (the admin API, a stock level, a review,
-- a bulk load). The search index stores each document's revision, so on start it can tell exactly which products
-- changed while it was down and catch up on those instead of rebuilding.
create sequence product_revisions;

alter table products add column index_revision bigint;
update products set index_revision = nextval('product_revisions');
alter table products alter column index_revision set not null;

-- The migration's search_path goes with the function: callers (a bulk load as postgres among them) may have another.
create function next_product_revision() returns trigger language plpgsql set search_path from current as $$
begin
    new.index_revision := nextval('product_revisions');
    return new;
end
$$;

create trigger products_take_a_revision before insert or update on products
    for each row execute function next_product_revision();
