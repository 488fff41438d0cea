-- Posters edit the words they posted with their link (threads.comment): the thread says when, and the
-- earlier texts are kept for moderators, one row per text replaced, as for replies. Editing is an
-- UPDATE of the thread, which its page-change trigger already announces.
ALTER TABLE threads ADD COLUMN comment_edited_at timestamptz;

CREATE TABLE comment_revisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  thread_id bigint NOT NULL REFERENCES threads ON DELETE CASCADE,
  -- NULL: the link was posted without words.
  comment text,
  -- When this text was written: the thread's posting, or the edit before.
  written_at timestamptz NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX comment_revisions_thread ON comment_revisions (thread_id, id);

-- A reply its author deleted no longer counts among its thread's replies (its place in the tree
-- stays); the ones deleted before this rule are taken off now.
UPDATE threads t SET reply_count = t.reply_count - d.n
FROM (SELECT thread_id, count(*)::int AS n FROM replies WHERE deleted_at IS NOT NULL GROUP BY thread_id) d
WHERE d.thread_id = t.id;
