-- Threads a member follows: their own from the start, and any they choose to watch.
CREATE TABLE watches (
  member_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  thread_id bigint NOT NULL REFERENCES threads ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (member_id, thread_id)
);
CREATE INDEX watches_thread ON watches (thread_id);
INSERT INTO watches (member_id, thread_id, created_at) SELECT author_id, id, created_at FROM threads;

-- What a member is told: replies to their threads and replies, mentions of their name, new replies in
-- threads they watch. One unread notification per member and thread gathers every reply that came
-- since (a busy thread is one line, not fifty); once read, the next reply starts a new one.
CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  member_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  thread_id bigint NOT NULL REFERENCES threads ON DELETE CASCADE,
  first_reply_id bigint NOT NULL REFERENCES replies ON DELETE CASCADE,
  last_actor_id bigint REFERENCES users ON DELETE SET NULL,
  replies integer NOT NULL DEFAULT 1,
  reasons text[] NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE UNIQUE INDEX notifications_unread ON notifications (member_id, thread_id) WHERE read_at IS NULL;
CREATE INDEX notifications_member ON notifications (member_id, updated_at DESC, id DESC);
