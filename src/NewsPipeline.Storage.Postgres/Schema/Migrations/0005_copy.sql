-- Whole-store keyset pages (ListArticlesAsync, ListEventsAsync, ListMentionsAsync, ListOutboxAsync: what `store copy`
-- reads and verifies) follow ordinal order, the one order every backend can promise, so they compare keys
-- COLLATE "C". The primary keys use the database's collation; these indexes serve the pages without sorting a table.
CREATE INDEX articles_id_ordinal ON articles (id COLLATE "C");
CREATE INDEX events_id_ordinal ON events (id COLLATE "C");
CREATE INDEX mentions_article_id_ordinal ON mentions (article_id COLLATE "C");
CREATE INDEX alert_outbox_id_ordinal ON alert_outbox (id COLLATE "C");
