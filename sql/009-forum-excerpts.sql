-- Per-forum excerpt settings; NULL means the site-wide EXCERPT_PARAGRAPHS /
-- EXCERPT_MAX_CHARS.
ALTER TABLE forums
  ADD COLUMN excerpt_paragraphs integer CHECK (excerpt_paragraphs BETWEEN 1 AND 20),
  ADD COLUMN excerpt_max_chars integer CHECK (excerpt_max_chars BETWEEN 200 AND 20000);
