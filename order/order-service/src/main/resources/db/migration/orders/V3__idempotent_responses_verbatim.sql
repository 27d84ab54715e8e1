-- A replayed answer must be the first answer byte for byte; jsonb reorders members, so keep the text as written.
alter table idempotency_keys alter column response_body type text using response_body::text;
