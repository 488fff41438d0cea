-- The standfirst (dek, summary) the source sets under its headline, kept apart
-- from the excerpt, which starts with the lede. NULL: the page has none, or the
-- digest was made before this.
ALTER TABLE threads ADD COLUMN standfirst text;
