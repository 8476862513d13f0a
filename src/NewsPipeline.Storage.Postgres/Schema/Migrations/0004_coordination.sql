-- Many workers, one feed list: who polls which feed (a lease that expires, so a crashed worker's feeds are taken
-- over) and each publisher host's turn (one request at a time across all workers, a gap after each answer, a
-- backoff after faults). Every time here is the database's clock (now()), so the workers' clocks may disagree.

CREATE TABLE feed_leases (
    feed_name        text        PRIMARY KEY,
    worker_id        text,                       -- the holder; null when nobody holds the feed
    leased_until     timestamptz,                -- the holder's lease ends here unless renewed
    claimed_at       timestamptz,
    last_worker      text,                       -- who last polled the feed under a lease
    last_polled_at   timestamptz,
    polls            bigint      NOT NULL DEFAULT 0,
    taken_over_from  text,                       -- the last worker whose expired lease another worker took
    taken_over_at    timestamptz,
    takeovers        integer     NOT NULL DEFAULT 0,
    CHECK ((worker_id IS NULL) = (leased_until IS NULL))
);

CREATE INDEX feed_leases_holder ON feed_leases (worker_id) WHERE worker_id IS NOT NULL;

CREATE TABLE host_turns (
    host           text        PRIMARY KEY,
    busy_worker    text,                         -- the worker asking the host now; null when nobody is
    busy_until     timestamptz,                  -- the turn ends here unless renewed (a crashed worker's turn lapses)
    free_at        timestamptz,                  -- the minimum gap after the last answer ends here
    backoff_until  timestamptz,                  -- after host faults, nobody asks the host before this
    failures       integer     NOT NULL DEFAULT 0,
    CHECK ((busy_worker IS NULL) = (busy_until IS NULL))
);
