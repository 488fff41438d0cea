-- A search result's snippet is made from the part of its text where the search's words are, not
-- from the whole text: ts_headline parses and stems every word it is given, and an article's
-- whole text is many times what a snippet shows.
-- `patterns` are case-insensitive regular expressions, one for each of the searched words' forms
-- (a stem mostly begins the words it stands for: "offici" in "officials"). The window is placed
-- at the first place of the word found first farthest in (the rarest word, mostly: all the words
-- of a match are at or near it), starting a quarter of its width before it, and keeps whole
-- words. A text where one is not found (its stem is not a prefix, "polici" of "policy"; only
-- the headline matched; an "or"; no word has a form in the text's language) is given whole, so
-- ts_headline still finds its matches there.
CREATE FUNCTION search_window(body text, patterns text[], width integer) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
DECLARE
  pattern text;
  start integer := 0;
  found integer;
  piece text;
BEGIN
  IF length(body) <= width THEN
    RETURN body;
  END IF;
  IF cardinality(patterns) = 0 THEN
    RETURN body;
  END IF;
  FOREACH pattern IN ARRAY patterns LOOP
    found := regexp_instr(body, pattern, 1, 1, 0, 'i');
    IF found = 0 THEN
      RETURN body;
    END IF;
    start := greatest(start, found);
  END LOOP;
  start := greatest(1, start - width / 4);
  piece := substr(body, start, width);
  IF start > 1 THEN
    piece := substr(piece, strpos(piece, ' ') + 1);
  END IF;
  IF start + width <= length(body) THEN
    piece := left(piece, length(piece) - strpos(reverse(piece), ' '));
  END IF;
  RETURN piece;
END
$$;

-- site: looks among the last month's posts first, as every search does: a site's threads by posting
-- time make that one small range of this index (4,000 of a 1M-thread forum's 50,000 threads of one
-- site), where the site alone was 50,000 index entries to intersect with a month's 87,000. It
-- takes the place of the index on the site alone, whose every use it serves.
SET LOCAL maintenance_work_mem = '256MB';
CREATE INDEX threads_site_recent ON threads ((reverse(site) COLLATE "C"), created_at DESC, id DESC);
DROP INDEX threads_site;
