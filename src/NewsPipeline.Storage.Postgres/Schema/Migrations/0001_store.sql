-- The pipeline store: feeds' state, articles, events (one row per deal, its sources and status history inside),
-- mentions and saved searches. Each table keeps the Core record as `record` (RecordJson: exact instants with their
-- offsets, shortest round-trip doubles) and, beside it, columns for what is filtered, joined, ordered or unique.
-- Every derived column is computed by the application (NewsPipeline.Core.Storage.StoreKeys), never by SQL, so both
-- backends agree on what is a duplicate and how events are ordered.

CREATE TABLE feeds (
    feed_name   text        PRIMARY KEY,
    next_poll   timestamptz,
    record      jsonb       NOT NULL
);

CREATE TABLE articles (
    id            text        PRIMARY KEY,
    -- The canonical URL after UrlNormalizer: one article per key, across every worker.
    canonical_key text        NOT NULL,
    content_hash  text        NOT NULL,
    feed_name     text        NOT NULL,
    language      text        NOT NULL,
    published     timestamptz,
    fetched_at    timestamptz NOT NULL,
    record        jsonb       NOT NULL,
    CONSTRAINT articles_canonical_key_key UNIQUE (canonical_key),
    CONSTRAINT articles_content_hash_key UNIQUE (content_hash)
);

CREATE TABLE events (
    id               text             PRIMARY KEY,
    -- The first report's article; later reports are in record->'sources'.
    article_id       text             NOT NULL,
    type             text             NOT NULL,
    metal            text,
    buyer_key        text             NOT NULL,
    seller_key       text             NOT NULL,
    tonnes           double precision,
    origin           text,
    destination      text,
    status           text             NOT NULL,
    language         text             NOT NULL,
    when_from        date,
    when_to          date,
    -- Ordinal ("C") order of this key, descending, is newest first (StoreKeys.SortKey).
    sort_key         text COLLATE "C" NOT NULL,
    -- Folded summary, evidence and titles of every source, for the store's substring text filter.
    search_text      text             NOT NULL,
    source_count     integer          NOT NULL CHECK (source_count >= 1),
    -- StoryBlocking keys: a new report of the deal finds this row through any of them.
    story_keys       text[]           NOT NULL,
    stored_at        timestamptz      NOT NULL,
    record           jsonb            NOT NULL
);

CREATE INDEX events_article_id ON events (article_id);
CREATE INDEX events_story_keys ON events USING gin (story_keys);
CREATE INDEX events_sort_key ON events (sort_key DESC);
CREATE INDEX events_metal_sort ON events (metal, sort_key DESC);
CREATE INDEX events_type_sort ON events (type, sort_key DESC);
CREATE INDEX events_origin ON events (origin);
CREATE INDEX events_destination ON events (destination);
CREATE INDEX events_tonnes ON events (tonnes);
CREATE INDEX events_when_from ON events (when_from);
CREATE INDEX events_when_to ON events (when_to);

CREATE TABLE mentions (
    article_id text  PRIMARY KEY,
    record     jsonb NOT NULL
);

CREATE TABLE saved_searches (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    query      text        NOT NULL,
    created_at timestamptz NOT NULL,
    record     jsonb       NOT NULL
);
