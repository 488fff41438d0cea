-- The community's own moderation: roles, forum hosts, suspensions, hidden / locked / pinned posts,
-- and the public log every moderation action writes to.

-- Admins name hosts and moderators; moderators act in every forum; hosts only in their forums.
ALTER TABLE users
  DROP CONSTRAINT users_role_check,
  ADD CONSTRAINT users_role_check CHECK (role IN ('member', 'moderator', 'admin')),
  -- A suspended member reads but cannot post, reply, rec or alert until this time.
  ADD COLUMN suspended_until timestamptz,
  ADD COLUMN suspended_reason text;

CREATE TABLE forum_hosts (
  forum_id integer NOT NULL REFERENCES forums ON DELETE CASCADE,
  member_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (forum_id, member_id)
);
CREATE INDEX forum_hosts_member ON forum_hosts (member_id, forum_id);

-- A hidden post keeps its place (a reply keeps its answers under it); members see a stub saying
-- who hid it (a jury or a moderator), the poster and moderators can still open its text.
ALTER TABLE threads
  ADD COLUMN hidden_at timestamptz,
  ADD COLUMN hidden_by text CHECK (hidden_by IN ('jury', 'moderator')),
  ADD CONSTRAINT threads_hidden_check CHECK ((hidden_at IS NULL) = (hidden_by IS NULL)),
  -- A locked thread refuses new replies.
  ADD COLUMN locked_at timestamptz,
  -- A pinned thread stays at the top of its forum's first page.
  ADD COLUMN pinned_at timestamptz;

ALTER TABLE replies
  ADD COLUMN hidden_at timestamptz,
  ADD COLUMN hidden_by text CHECK (hidden_by IN ('jury', 'moderator')),
  ADD CONSTRAINT replies_hidden_check CHECK ((hidden_at IS NULL) = (hidden_by IS NULL));

CREATE INDEX threads_pinned ON threads (forum_id, pinned_at DESC) WHERE pinned_at IS NOT NULL;

-- Every moderation action, readable by everyone: who acted (no one for a jury's verdict, whose
-- counts are in details), on what, where, when and why.
CREATE TABLE moderation_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now(),
  actor_id bigint REFERENCES users ON DELETE SET NULL,
  action text NOT NULL,
  forum_id integer REFERENCES forums ON DELETE SET NULL,
  thread_id bigint REFERENCES threads ON DELETE SET NULL,
  reply_id bigint REFERENCES replies ON DELETE SET NULL,
  member_id bigint REFERENCES users ON DELETE SET NULL,
  reason text NOT NULL DEFAULT '',
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX moderation_log_forum ON moderation_log (forum_id, id DESC);
CREATE INDEX moderation_log_member ON moderation_log (member_id, id DESC);
