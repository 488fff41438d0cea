-- Full-text search over threads (headline, standfirst, excerpt and the article's whole text as
-- extracted) and replies, each stemmed in its thread's language where Postgres knows it.
-- The generated columns rewrite threads and replies once; the GIN indexes are built after.
SET LOCAL maintenance_work_mem = '256MB';

-- The text search configuration for a page's language (ISO 639-1, "en-GB" or "en_GB" alike):
-- only the configurations this server has (older servers lack some), "simple" for the rest.
DO $migration$
DECLARE
  pair text[];
  cases text := '';
BEGIN
  FOREACH pair SLICE 1 IN ARRAY ARRAY[
    ['ar', 'arabic'], ['hy', 'armenian'], ['eu', 'basque'], ['ca', 'catalan'], ['da', 'danish'],
    ['nl', 'dutch'], ['en', 'english'], ['fi', 'finnish'], ['fr', 'french'], ['de', 'german'],
    ['el', 'greek'], ['hi', 'hindi'], ['hu', 'hungarian'], ['id', 'indonesian'], ['ga', 'irish'],
    ['it', 'italian'], ['lt', 'lithuanian'], ['ne', 'nepali'], ['no', 'norwegian'], ['nb', 'norwegian'],
    ['nn', 'norwegian'], ['pt', 'portuguese'], ['ro', 'romanian'], ['ru', 'russian'], ['sr', 'serbian'],
    ['es', 'spanish'], ['sv', 'swedish'], ['ta', 'tamil'], ['tr', 'turkish'], ['yi', 'yiddish']
  ] LOOP
    IF EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = pair[2] AND cfgnamespace = 'pg_catalog'::regnamespace) THEN
      cases := cases || format(' WHEN %L THEN %L::regconfig', pair[1], 'pg_catalog.' || pair[2]);
    END IF;
  END LOOP;
  EXECUTE format(
    $f$CREATE FUNCTION search_config(lang text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE
       AS $body$ SELECT CASE lower(substring(lang FROM '^[A-Za-z]+'))%s ELSE 'pg_catalog.simple'::regconfig END $body$$f$,
    cases);
END
$migration$;

-- array_to_string is only STABLE (it could call any type's output); for text[] it is immutable.
CREATE FUNCTION search_join(parts text[]) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT array_to_string(parts, E'\n') $$;

-- The site of a link for `site:` (nytimes.com for https://www.nytimes.com/…): the host without the
-- prefixes sites put before their one name, by the same rule as the app's siteOf (a test compares them).
CREATE FUNCTION search_site(url text) RETURNS text LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  labels text[] := string_to_array(
    rtrim(lower(substring(url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)')), '.'), '.');
  n integer := coalesce(array_length(labels, 1), 0);
  kept text[] := '{}';
BEGIN
  FOR i IN 1..n LOOP
    IF NOT (n - i + 1 > 2 AND labels[i] ~ CASE WHEN i = 1 THEN '^(www[0-9]*|m|mobile)$' ELSE '^(m|mobile)$' END) THEN
      kept := kept || labels[i];
    END IF;
  END LOOP;
  RETURN nullif(array_to_string(kept, '.'), '');
END
$$;

-- The headline weighs most, then the standfirst and excerpt, then the poster's own words, then the
-- rest of the article.
-- Only columns a digest writes feed the vector, so the frequent counter updates never recompute it.
ALTER TABLE threads
  ADD COLUMN article_text text,
  ADD COLUMN site text GENERATED ALWAYS AS (search_site(coalesce(final_url, submitted_url))) STORED,
  ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector(search_config(lang), coalesce(title, '')), 'A') ||
    setweight(to_tsvector(search_config(lang), coalesce(standfirst, '') || E'\n' || search_join(excerpt)), 'B') ||
    setweight(to_tsvector(search_config(lang), coalesce(comment, '')), 'C') ||
    setweight(to_tsvector(search_config(lang), coalesce(article_text, '')), 'D')
  ) STORED;
CREATE INDEX threads_search ON threads USING gin (search);
-- site:bbc.co.uk takes news.bbc.co.uk too: reversed ("ku.oc.cbb.swen"), a site and its subdomains
-- are one range of this index, so a small site's threads are found without reading a big one's.
CREATE INDEX threads_site ON threads ((reverse(site) COLLATE "C"), id);

-- A reply is stemmed in its thread's language, copied here since a generated column reads its own row.
ALTER TABLE replies ADD COLUMN lang text;
UPDATE replies r SET lang = t.lang FROM threads t WHERE t.id = r.thread_id AND t.lang IS NOT NULL;
ALTER TABLE replies ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector(search_config(lang), body)) STORED;
CREATE INDEX replies_search ON replies USING gin (search);
-- A search looks among recent replies first (and a date range reads its own days): by posting time, as threads.
CREATE INDEX replies_recent ON replies (created_at DESC, id DESC);

CREATE FUNCTION reply_lang() RETURNS trigger AS $$
BEGIN
  NEW.lang := (SELECT lang FROM threads WHERE id = NEW.thread_id);
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
-- Bulk loads that know the language give it.
CREATE TRIGGER replies_lang BEFORE INSERT ON replies
  FOR EACH ROW WHEN (NEW.lang IS NULL) EXECUTE FUNCTION reply_lang();

-- The configurations in use: a query is stemmed in each of them, since the searcher's words may
-- be in any thread's language.
CREATE TABLE search_configs (config regconfig PRIMARY KEY);
INSERT INTO search_configs VALUES ('pg_catalog.simple');
INSERT INTO search_configs SELECT DISTINCT search_config(lang) FROM threads WHERE lang IS NOT NULL ON CONFLICT DO NOTHING;

-- A digest names the language after the poster's comment became a reply: the thread's replies follow it.
CREATE FUNCTION thread_lang_changed() RETURNS trigger AS $$
BEGIN
  INSERT INTO search_configs VALUES (search_config(NEW.lang)) ON CONFLICT DO NOTHING;
  UPDATE replies SET lang = NEW.lang WHERE thread_id = NEW.id AND lang IS DISTINCT FROM NEW.lang;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER threads_lang AFTER UPDATE OF lang ON threads
  FOR EACH ROW WHEN (NEW.lang IS DISTINCT FROM OLD.lang) EXECUTE FUNCTION thread_lang_changed();
CREATE TRIGGER threads_lang_inserted AFTER INSERT ON threads
  FOR EACH ROW WHEN (NEW.lang IS NOT NULL) EXECUTE FUNCTION thread_lang_changed();
