-- Members, their sessions, forums and threads with their digests and replies.

CREATE TABLE settings (
  name text PRIMARY KEY,
  value text NOT NULL
);

-- A session secret for zero-config installs (gen_random_uuid draws from a strong source); SESSION_SECRET overrides it.
INSERT INTO settings (name, value) VALUES ('session_secret', replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL,
  password_hash text NOT NULL,
  post_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

CREATE TABLE sessions (
  token_hash bytea PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('web', 'api')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE forum_groups (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  position integer NOT NULL
);

CREATE TABLE forums (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  group_id integer NOT NULL REFERENCES forum_groups,
  position integer NOT NULL,
  thread_count integer NOT NULL DEFAULT 0,
  last_activity_at timestamptz
);

CREATE TABLE threads (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  forum_id integer NOT NULL REFERENCES forums,
  author_id bigint NOT NULL REFERENCES users,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fetching', 'ready', 'failed')),
  submitted_url text NOT NULL,
  final_url text,
  canonical_url text,
  comment text,
  title text,
  byline text,
  site_name text,
  lang text,
  image_url text,
  published_time timestamptz,
  modified_time timestamptz,
  excerpt text[] NOT NULL DEFAULT '{}',
  error_reason text,
  error_message text,
  reply_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  fetched_at timestamptz
);
CREATE INDEX threads_latest ON threads (created_at DESC, id DESC);
CREATE INDEX threads_forum_activity ON threads (forum_id, last_activity_at DESC, id DESC);
CREATE INDEX threads_author ON threads (author_id);
-- The worker's sweep looks for threads whose digest job may have been lost.
CREATE INDEX threads_waiting ON threads (created_at) WHERE status IN ('pending', 'fetching');

CREATE TABLE replies (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  thread_id bigint NOT NULL REFERENCES threads ON DELETE CASCADE,
  parent_id bigint REFERENCES replies,
  author_id bigint NOT NULL REFERENCES users,
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 20000),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX replies_thread ON replies (thread_id, id);
CREATE INDEX replies_author ON replies (author_id);
