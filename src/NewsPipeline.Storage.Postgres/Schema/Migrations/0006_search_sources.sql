-- How many articles reported each deal, for the min_sources filter and the sources_desc sort. The count changes
-- when a later report joins a deal; the search index rewrites the owner article's rows then, as it does for the
-- rest of the row. Rows indexed before this step take their count from the row the API already serves.
ALTER TABLE search_events ADD COLUMN source_count integer NOT NULL DEFAULT 1 CHECK (source_count >= 1);

UPDATE search_events SET source_count = (row_json ->> 'source_count')::integer
WHERE (row_json ->> 'source_count')::integer > 1;

CREATE INDEX search_events_sources ON search_events (source_count, id);
