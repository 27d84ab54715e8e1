-- Notifications become e-mails delivered by a retrying sender: a row is written (once per kind and subject, by the
-- unique key) when the event is handled, and the sender fills in the recipient, subject and text when it delivers.
-- subject_id is what the kind is about: the order, the return, or the cart's idle period.
alter table notifications alter column recipient drop not null;
alter table notifications alter column body drop not null;
alter table notifications drop constraint notifications_status_check;
alter table notifications add constraint notifications_status_check check (status in ('RETRYING', 'SENT', 'FAILED'));
alter table notifications alter column order_id drop not null;
alter table notifications add column subject_id text;
update notifications set subject_id = order_id where subject_id is null;
alter table notifications alter column subject_id set not null;
alter table notifications drop constraint notifications_order_id_kind_key;
alter table notifications add constraint notifications_kind_subject_key unique (kind, subject_id);
alter table notifications add column subject text;
alter table notifications add column data jsonb not null default '{}'::jsonb;
alter table notifications add column attempts int not null default 0;
alter table notifications add column next_attempt_at timestamptz not null default now();
alter table notifications add column last_error text;
alter table notifications add column sent_at timestamptz;
alter table notifications alter column user_id drop not null;

create index notifications_due on notifications (next_attempt_at) where status = 'RETRYING';
create index notifications_by_user on notifications (user_id);
