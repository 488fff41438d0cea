-- Moderators may fix any thread's digest; posters may fix their own.
ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'moderator'));

-- Who last corrected a digest by hand, and when (shown on the thread).
ALTER TABLE threads
  ADD COLUMN edited_by bigint REFERENCES users,
  ADD COLUMN edited_at timestamptz;
