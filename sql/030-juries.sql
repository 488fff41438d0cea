-- Members alert a post to the community; a jury of members drawn at random decides whether it is hidden.

-- A post is judged once: every alert on it joins its jury, and one made after the verdict learns it at once.
CREATE TABLE juries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  thread_id bigint NOT NULL REFERENCES threads ON DELETE CASCADE,
  -- Null: the alert is about the thread itself (its digest and the poster's words).
  reply_id bigint REFERENCES replies ON DELETE CASCADE,
  forum_id integer NOT NULL REFERENCES forums ON DELETE CASCADE,
  poster_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  -- How many jurors it seats; a majority of them is needed to decide before the deadline.
  size integer NOT NULL CHECK (size > 0),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'hidden', 'left')),
  -- Why the jury decided so: 'votes' (a majority), 'tie', or 'too_few_votes' (not enough in time).
  outcome_reason text CHECK (outcome_reason IN ('votes', 'tie', 'too_few_votes')),
  hide_votes integer NOT NULL DEFAULT 0,
  leave_votes integer NOT NULL DEFAULT 0,
  closes_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  decided_at timestamptz,
  CONSTRAINT juries_decided_check CHECK ((status = 'open') = (decided_at IS NULL))
);
CREATE UNIQUE INDEX juries_post ON juries (thread_id, coalesce(reply_id, 0));
-- The sweep's overdue juries, and the moderation queue's juries in progress.
CREATE INDEX juries_open ON juries (closes_at) WHERE status = 'open';
CREATE INDEX juries_decided ON juries (decided_at DESC, id DESC) WHERE status <> 'open';
-- The repeat-offender rule counts a poster's hidden posts of the last days.
CREATE INDEX juries_poster ON juries (poster_id, decided_at) WHERE status = 'hidden';

CREATE TABLE alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  jury_id bigint NOT NULL REFERENCES juries ON DELETE CASCADE,
  member_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  reason text NOT NULL CHECK (reason IN ('off_topic', 'personal_attack', 'spam', 'copyright', 'other')),
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  -- One alert per member per post.
  UNIQUE (jury_id, member_id)
);
CREATE INDEX alerts_member ON alerts (member_id, id DESC);

-- A juror is drawn once per jury: one who declines is not drawn again, and is replaced.
CREATE TABLE jurors (
  jury_id bigint NOT NULL REFERENCES juries ON DELETE CASCADE,
  member_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  status text NOT NULL DEFAULT 'summoned' CHECK (status IN ('summoned', 'voted', 'declined')),
  vote text CHECK (vote IN ('leave', 'hide')),
  explanation text NOT NULL DEFAULT '',
  summoned_at timestamptz NOT NULL DEFAULT now(),
  answered_at timestamptz,
  PRIMARY KEY (jury_id, member_id),
  CONSTRAINT jurors_voted_check CHECK ((status = 'voted') = (vote IS NOT NULL))
);
CREATE INDEX jurors_member ON jurors (member_id, jury_id DESC);

-- The draw picks among members who posted lately: the recent posts, not the whole member list, are read.
CREATE INDEX replies_recent_authors ON replies (created_at) INCLUDE (author_id);

-- Notifications tell of juries too: a summons to a juror, the verdict to the poster and to the alerters.
-- Only replies gather into one unread notification per thread.
ALTER TABLE notifications
  ADD COLUMN kind text NOT NULL DEFAULT 'reply'
    CHECK (kind IN ('reply', 'jury_summons', 'jury_verdict', 'alert_outcome')),
  ADD COLUMN jury_id bigint REFERENCES juries ON DELETE CASCADE,
  ALTER COLUMN first_reply_id DROP NOT NULL,
  ADD CONSTRAINT notifications_jury_check CHECK ((kind = 'reply') = (jury_id IS NULL)),
  ADD CONSTRAINT notifications_reply_check CHECK ((kind = 'reply') = (first_reply_id IS NOT NULL));
DROP INDEX notifications_unread;
CREATE UNIQUE INDEX notifications_unread ON notifications (member_id, thread_id) WHERE read_at IS NULL AND kind = 'reply';
