-- The address the customer's token named when the order was placed, carried by OrderConfirmed so that notification
-- writes the confirmation without asking identity for it (a call per new customer, each a few milliseconds of CPU on
-- both sides). Orders placed before it have none; notification looks theirs up as before.
alter table orders.orders add column customer_email text;
