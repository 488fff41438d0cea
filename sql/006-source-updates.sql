-- Subscription walls are labelled; ready threads are re-fetched on a schedule
-- (refresh_round counts the re-fetches done, next_refresh_at is when the next
-- one is due) and a changed headline or update time is kept in history.
ALTER TABLE threads
  ADD COLUMN paywalled boolean NOT NULL DEFAULT false,
  ADD COLUMN refresh_round integer NOT NULL DEFAULT 0,
  ADD COLUMN next_refresh_at timestamptz,
  ADD COLUMN source_updated_at timestamptz;
CREATE INDEX threads_refresh_due ON threads (next_refresh_at) WHERE next_refresh_at IS NOT NULL;

CREATE TABLE thread_revisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  thread_id bigint NOT NULL REFERENCES threads ON DELETE CASCADE,
  title text,
  modified_time timestamptz,
  -- When the source replaced this version.
  replaced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX thread_revisions_thread ON thread_revisions (thread_id, id);

-- Politeness: when each site may next be fetched, shared by every worker
-- (a minimum gap between requests to one host, pushed back by Retry-After).
CREATE UNLOGGED TABLE host_slots (
  host text PRIMARY KEY,
  next_at timestamptz NOT NULL
);
