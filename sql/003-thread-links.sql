-- The three URLs of a thread (as submitted, after redirects, the page's canonical),
-- each with its duplicate-matching key. Keys are computed by the app's link rules
-- (src/links/normalize.ts); rows with an older rules_version are rebuilt at migrate.

CREATE TABLE thread_links (
  thread_id bigint NOT NULL REFERENCES threads ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('submitted', 'final', 'canonical')),
  url text NOT NULL,
  key text NOT NULL,
  rules_version integer NOT NULL,
  PRIMARY KEY (thread_id, kind)
);
CREATE INDEX thread_links_key ON thread_links (key);
CREATE INDEX thread_links_rules_version ON thread_links (rules_version);

-- A thread posted again after the duplicate window links to the earlier discussion.
ALTER TABLE threads ADD COLUMN previous_thread_id bigint REFERENCES threads;

-- Threads posted before this migration: keys are filled in by the rebuild (version 0 is stale).
INSERT INTO thread_links (thread_id, kind, url, key, rules_version)
SELECT id, 'submitted', submitted_url, '', 0 FROM threads
UNION ALL SELECT id, 'final', final_url, '', 0 FROM threads WHERE final_url IS NOT NULL
UNION ALL SELECT id, 'canonical', canonical_url, '', 0 FROM threads WHERE canonical_url IS NOT NULL;
