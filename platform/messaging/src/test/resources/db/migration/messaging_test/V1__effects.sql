-- What the test consumer did, one row per handled message, so a test can count effects.
create table effects (
    id             bigint generated always as identity primary key,
    event_id       text not null,
    message_key    text,
    text           text,
    sequence       int,
    correlation_id text,
    handled_at     timestamptz not null default now()
);
