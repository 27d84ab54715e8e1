-- The transactional outbox of schema ${schema}: a row is written in the same transaction as the state change it
-- announces, and the relay publishes it to Kafka. Rows are kept for a while after publication (published_at) so
-- that audits can match what was committed against what reached the topics.
create table outbox (
    id            bigint generated always as identity primary key,
    event_id      text        not null unique,
    topic         text        not null,
    message_key   text        not null,
    event_type    text        not null,
    envelope      text        not null,
    headers       jsonb       not null default '{}',
    created_at    timestamptz not null default now(),
    published_at  timestamptz
);
create index outbox_unpublished on outbox (id) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Idempotent consumers: a row per (consumer, event) written in the same transaction as the effect.
create table processed_messages (
    consumer      text        not null,
    event_id      text        not null,
    processed_at  timestamptz not null default now(),
    primary key (consumer, event_id)
);
create index processed_messages_by_time on processed_messages (processed_at);
