-- A member is told of a moderator's action on their post (hidden, shown again, locked, unlocked,
-- moved, pinned) and of their suspension: the notification points at the log entry, which says what
-- was done, why and where. A suspension is about no thread.
ALTER TABLE notifications
  ADD COLUMN log_id bigint REFERENCES moderation_log ON DELETE CASCADE,
  ALTER COLUMN thread_id DROP NOT NULL,
  DROP CONSTRAINT notifications_kind_check,
  ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('reply', 'jury_summons', 'jury_verdict', 'alert_outcome', 'moderation')),
  DROP CONSTRAINT notifications_jury_check,
  ADD CONSTRAINT notifications_jury_check
    CHECK ((kind IN ('jury_summons', 'jury_verdict', 'alert_outcome')) = (jury_id IS NOT NULL)),
  ADD CONSTRAINT notifications_moderation_check CHECK ((kind = 'moderation') = (log_id IS NOT NULL)),
  ADD CONSTRAINT notifications_thread_check CHECK (kind = 'moderation' OR thread_id IS NOT NULL);
