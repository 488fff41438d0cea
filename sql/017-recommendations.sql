-- Recommendations ("recs"): a member says a thread is worth reading, once, and may take it back.
-- The thread keeps the count its pages and lists show; Greatest Threads ranks by it.
CREATE TABLE recs (
  thread_id bigint NOT NULL REFERENCES threads ON DELETE CASCADE,
  member_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (thread_id, member_id)
);
-- A member's own recs, for their pages (which threads they have recommended) and their profile.
CREATE INDEX recs_member ON recs (member_id, thread_id);

ALTER TABLE threads ADD COLUMN rec_count integer NOT NULL DEFAULT 0;

-- Who wrote a thread's latest reply: lists sorted by activity show it beside its time.
ALTER TABLE threads ADD COLUMN last_reply_by bigint REFERENCES users;
UPDATE threads t SET last_reply_by = r.author_id
FROM (SELECT DISTINCT ON (thread_id) thread_id, author_id FROM replies ORDER BY thread_id, id DESC) r
WHERE r.thread_id = t.id;

-- Latest Discussions by activity, and a forum by newest posts: each list in both orders walks an index.
CREATE INDEX threads_activity ON threads (last_activity_at DESC, id DESC);
CREATE INDEX threads_forum_latest ON threads (forum_id, created_at DESC, id DESC);
