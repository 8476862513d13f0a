-- Alert subscriptions and the outbox. Outbox rows are written in the ingest transaction that stores their event;
-- their ids are deterministic (AlertPlanner: subscription + deal + reason + status, then the channel), so a
-- replayed or concurrent ingest cannot write an alert twice. Dispatchers claim due rows with SKIP LOCKED.

CREATE TABLE alert_subscriptions (
    name   text  PRIMARY KEY,
    record jsonb NOT NULL
);

CREATE TABLE alert_outbox (
    id           text        PRIMARY KEY,
    alert_id     text        NOT NULL,
    subscription text        NOT NULL,
    channel      integer     NOT NULL,
    event_id     text        NOT NULL,
    state        text        NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    -- When the row is next sent: moved to the lease end when a dispatcher claims it.
    due_at       timestamptz NOT NULL,
    created_at   timestamptz NOT NULL,
    record       jsonb       NOT NULL
);

CREATE INDEX alert_outbox_due ON alert_outbox (due_at) WHERE state = 'pending';
CREATE INDEX alert_outbox_event ON alert_outbox (event_id);
CREATE INDEX alert_outbox_subscription ON alert_outbox (subscription, created_at DESC);
