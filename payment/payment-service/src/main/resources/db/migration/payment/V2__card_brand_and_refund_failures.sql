-- The card's brand, as the gateway reports it (visa, mastercard, ...): with the token and the last four digits, all
-- that is ever kept of a card.
alter table payments add column card_brand text;

-- Why the gateway refused a refund, for the operator who has to settle it.
alter table refunds add column failure_reason text;
