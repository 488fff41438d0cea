-- SimHash of each digest's article text (src/links/simhash.ts), to recognise
-- the same story posted from different sites (wire copy, syndication).
ALTER TABLE threads ADD COLUMN text_hash bigint;
CREATE INDEX threads_text_hash_recent ON threads (created_at) WHERE text_hash IS NOT NULL;
