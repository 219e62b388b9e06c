-- The route write path: routes, their history, and the transactional outbox that publishes every
-- change to Kafka. See DESIGN.md "Data model" and "Commit, then publish".

create table route (
    tenant      text        not null,
    service     text        not null,
    env         text        not null,
    version     text        not null,
    url         text        not null,
    state       text        not null check (state in ('active', 'inactive')),
    -- optimistic locking: every change bumps it; a writer names the version it saw
    row_version bigint      not null check (row_version >= 1),
    created_at  timestamptz not null,
    created_by  text        not null,
    updated_at  timestamptz not null,
    updated_by  text        not null,
    primary key (tenant, service, env, version)
) with (fillfactor = 70); -- room on the page: changes touch no indexed column, so they stay HOT updates

create table route_history (
    id          bigserial   primary key,
    tenant      text        not null,
    service     text        not null,
    env         text        not null,
    version     text        not null,
    action      text        not null,
    before      jsonb,
    after       jsonb,
    -- the route's row_version after the change (for a delete: the tombstone revision)
    row_version bigint      not null,
    actor       text        not null,
    host_name   text,
    request_id  uuid        not null,
    -- unique through outbox.event_id; not indexed here, to keep history inserts cheap
    event_id    uuid        not null,
    occurred_at timestamptz not null
);

create index route_history_by_route on route_history (tenant, service, env, version, id);

create table outbox (
    id              bigserial   primary key,
    event_id        uuid        not null unique,
    event_key       text        not null,
    event_version   text        not null,
    -- the exact bytes that go to Kafka, so a re-send is byte-for-byte the same event
    payload         bytea       not null,
    created_at      timestamptz not null default now(),
    published_at    timestamptz,
    kafka_partition integer,
    kafka_offset    bigint,
    attempts        integer     not null default 0,
    last_error      text,
    last_attempt_at timestamptz
) with (fillfactor = 50); -- every row is updated once (the mark): the new version then fits on the
                          -- same page and its WAL record carries only the changed tail, not the payload

-- the relay's scan: unpublished rows in id order. Pruning (every few minutes) scans the table instead
-- of keeping an index on published_at that every mark would have to update.
create index outbox_pending on outbox (id) where published_at is null;
