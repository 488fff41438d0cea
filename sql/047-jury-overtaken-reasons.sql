-- A jury is overtaken not only by a moderator's hide ('moderator'): also when its post's author
-- deletes the reply while it sits ('deleted'), and when the thread a reply is in is hidden, by a
-- moderator or by the thread's own jury ('thread_hidden'). It closes as 'overtaken' and takes no
-- more votes; its votes, alerts and jurors stay on record.
ALTER TABLE juries
  DROP CONSTRAINT juries_outcome_reason_check,
  ADD CONSTRAINT juries_outcome_reason_check
    CHECK (outcome_reason IN ('votes', 'tie', 'too_few_votes', 'moderator', 'deleted', 'thread_hidden')),
  DROP CONSTRAINT juries_overtaken_check,
  ADD CONSTRAINT juries_overtaken_check
    CHECK ((status = 'overtaken') = (outcome_reason IN ('moderator', 'deleted', 'thread_hidden')));
