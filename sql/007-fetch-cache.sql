-- Pages fetched in the last few minutes, by link key: a burst of posts of one
-- link (or of links that lead to the same page) costs the source one request.
-- Unlogged: it is a cache, rebuilt by fetching again.
CREATE UNLOGGED TABLE fetch_cache (
  key text PRIMARY KEY,
  url text NOT NULL,
  redirects text[] NOT NULL,
  status integer NOT NULL,
  content_type text NOT NULL,
  html text NOT NULL,
  fetched_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fetch_cache_age ON fetch_cache (fetched_at);
