-- Keeping abuse out: rate-limit counters (when there is no Redis), the sites links were posted
-- from (new members may post only from those), and the domain rules admins keep.

-- One row per counter and window. Counters are worth nothing after a crash, so the table skips
-- the write-ahead log; web processes delete rows whose window has ended.
CREATE UNLOGGED TABLE rate_counters (
  key text PRIMARY KEY,
  hits integer NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX rate_counters_expires ON rate_counters (expires_at);

-- Every site a thread's link came from, the first time: a new member's link must come from one.
CREATE TABLE known_sites (
  site text PRIMARY KEY,
  first_posted_at timestamptz NOT NULL DEFAULT now()
);
-- The sites of links posted before this migration, by the app's rule (lower case, without the
-- "www."/"m." prefixes when a name of two labels is left).
INSERT INTO known_sites (site, first_posted_at)
SELECT site, min(created_at) FROM (
  SELECT regexp_replace(
           lower(substring(tl.url FROM '^[A-Za-z][A-Za-z0-9+.-]*://([^/?#:]+)')),
           '^(www[0-9]*|m|mobile)\.(?=[^.]+\.[^.]+)', '') AS site,
         t.created_at
  FROM thread_links tl JOIN threads t ON t.id = tl.thread_id
  WHERE tl.kind = 'submitted'
) s
WHERE site IS NOT NULL
GROUP BY site;

-- Admins' rules for a domain and its subdomains: links there are refused (blocked), or are a
-- link shortener's, followed to where they lead before the duplicate check.
CREATE TABLE domain_rules (
  domain text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('blocked', 'shortener')),
  reason text NOT NULL,
  created_by bigint REFERENCES users ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Well-known link shorteners, so a fresh forum follows them from the start.
INSERT INTO domain_rules (domain, kind, reason)
SELECT unnest(ARRAY['bit.ly', 'buff.ly', 'cutt.ly', 'goo.gl', 'is.gd', 'ow.ly', 'rb.gy', 'shorturl.at', 't.co',
                    'tiny.cc', 'tinyurl.com']),
       'shortener', 'A well-known link shortener.';
