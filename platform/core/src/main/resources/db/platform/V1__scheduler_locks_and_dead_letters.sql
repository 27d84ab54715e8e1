-- Scheduled jobs run on one instance at a time (ShedLock).
create table shedlock (
    name       varchar(64)  primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);

-- Messages that failed their bounded retries, as read back from the <topic>.DLQ topics, for admins to inspect and replay.
create table dead_letters (
    id              text        primary key,
    dlq_topic       text        not null,
    dlq_partition   int         not null,
    dlq_offset      bigint      not null,
    original_topic  text        not null,
    message_key     text,
    event_id        text,
    event_type      text,
    payload         text        not null,
    headers         jsonb       not null default '{}',
    error           text,
    received_at     timestamptz not null default now(),
    replayed_at     timestamptz,
    replay_count    int         not null default 0,
    unique (dlq_topic, dlq_partition, dlq_offset)
);
create index dead_letters_by_topic on dead_letters (original_topic, received_at desc);
