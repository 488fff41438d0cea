-- Members edit and delete their own replies. A reply's earlier texts are kept for moderators, one
-- row per text replaced (by an edit, or by deleting the reply); a deleted reply keeps its place in
-- the tree (its answers stay under it) with its text gone. Both are UPDATEs of the reply, which
-- the page-change trigger of replies already announces (it fires on INSERT, UPDATE and DELETE).
ALTER TABLE replies
  ADD COLUMN edited_at timestamptz,
  ADD COLUMN deleted_at timestamptz,
  DROP CONSTRAINT replies_body_check,
  ADD CONSTRAINT replies_body_check CHECK (
    CASE WHEN deleted_at IS NULL THEN length(body) BETWEEN 1 AND 20000 ELSE body = '' END
  );

CREATE TABLE reply_revisions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  reply_id bigint NOT NULL REFERENCES replies ON DELETE CASCADE,
  body text NOT NULL,
  -- When this text was written: the reply's creation, or the edit before.
  written_at timestamptz NOT NULL,
  replaced_at timestamptz NOT NULL DEFAULT now(),
  replaced_by text NOT NULL CHECK (replaced_by IN ('edit', 'delete'))
);
CREATE INDEX reply_revisions_reply ON reply_revisions (reply_id, id);
