-- Search on the server: the PostgreSQL counterpart of the Lucene index, written by PostgresSearchIndex
-- (src/NewsPipeline.Search/Postgres). Like the Lucene index it is a copy of the store, rebuilt from it and
-- upserted article by article; it reads none of the store's tables.
--
-- Full text: each row's language chooses a text search configuration (french, russian, …; simple when none
-- fits), the row's tsvector is built with it and queries are analysed with the same configuration.
-- Japanese, Chinese, Korean, Thai and Kazakh rows (no spaces between words, or no stemmer) are searched by
-- substring on their folded text instead, which the trigram indexes accelerate.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE search_articles (
    id          text COLLATE "C" PRIMARY KEY,
    url         text        NOT NULL,
    title       text,
    body        text        NOT NULL,
    language    text        NOT NULL,
    feed        text        NOT NULL,
    published   timestamptz,
    text_config regconfig   NOT NULL,
    -- Title and body analysed with text_config; empty for trigram languages.
    tsv         tsvector    NOT NULL,
    -- Folded title and body (TextFold) for trigram languages; null otherwise.
    folded      text
);

CREATE INDEX search_articles_tsv ON search_articles USING gin (tsv);
CREATE INDEX search_articles_folded ON search_articles USING gin (folded gin_trgm_ops) WHERE folded IS NOT NULL;
CREATE INDEX search_articles_language ON search_articles (language);

CREATE TABLE search_events (
    id              text COLLATE "C" PRIMARY KEY,
    article_id      text COLLATE "C" NOT NULL,
    -- The EventRow as the API serves it (RecordJson).
    row_json        json             NOT NULL,
    metal           text,
    type            text             NOT NULL,
    status          text             NOT NULL,
    origin          text,
    destination     text,
    -- Origin and destination, each once: the "either role" country filter and the country facet.
    countries       text[]           NOT NULL,
    language        text             NOT NULL,
    feed            text             NOT NULL,
    buyer           text,
    seller          text,
    -- Buyer and seller names folded whole (exact company filter) …
    parties         text[]           NOT NULL,
    -- … and as words, each name " w1 w2 … " between '|', so that a name's words match in order inside another.
    party_words     text             NOT NULL,
    tonnes          double precision,
    -- Sort keys as the Lucene index computes them (SortKeys): yyyymmdd of the period's first day or 0, and
    -- tonnes with a missing tonnage sorted last in either direction.
    date_key        integer          NOT NULL,
    tonnes_desc_key double precision NOT NULL,
    tonnes_asc_key  double precision NOT NULL,
    period_from     date,
    period_to       date,
    published_day   date,
    month           text,
    text_config     regconfig        NOT NULL,
    -- Evidence, summary, article title and text, analysed with text_config; empty for trigram languages.
    tsv             tsvector         NOT NULL,
    folded          text
);

CREATE INDEX search_events_article ON search_events (article_id);
CREATE INDEX search_events_date ON search_events (date_key, id);
CREATE INDEX search_events_tonnes_desc ON search_events (tonnes_desc_key, id);
CREATE INDEX search_events_tonnes_asc ON search_events (tonnes_asc_key, id);
CREATE INDEX search_events_metal ON search_events (metal);
CREATE INDEX search_events_type ON search_events (type);
CREATE INDEX search_events_published ON search_events (published_day);
CREATE INDEX search_events_period ON search_events (period_from, period_to);
CREATE INDEX search_events_tonnes ON search_events (tonnes) WHERE tonnes IS NOT NULL;
CREATE INDEX search_events_countries ON search_events USING gin (countries);
CREATE INDEX search_events_parties ON search_events USING gin (parties);
CREATE INDEX search_events_party_words ON search_events USING gin (party_words gin_trgm_ops);
CREATE INDEX search_events_tsv ON search_events USING gin (tsv);
CREATE INDEX search_events_folded ON search_events USING gin (folded gin_trgm_ops) WHERE folded IS NOT NULL;

-- Bumped in the same transaction as every write, so a reader never caches content under a version that
-- does not yet include it (the API's ETags).
CREATE TABLE search_state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint  NOT NULL
);

INSERT INTO search_state (singleton, version) VALUES (true, 0);
