-- A jury is also overtaken when its post's author deletes the reply while it sits: the jury closes
-- as 'overtaken', its reason 'deleted', and takes no more votes; its votes and alerts stay.
ALTER TABLE juries
  DROP CONSTRAINT juries_outcome_reason_check,
  ADD CONSTRAINT juries_outcome_reason_check
    CHECK (outcome_reason IN ('votes', 'tie', 'too_few_votes', 'moderator', 'deleted')),
  DROP CONSTRAINT juries_overtaken_check,
  ADD CONSTRAINT juries_overtaken_check CHECK ((status = 'overtaken') = (outcome_reason IN ('moderator', 'deleted')));
