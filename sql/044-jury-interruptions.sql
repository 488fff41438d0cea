-- A jury can be cut short. A moderator (or host) who hides the post while its jury sits overtakes
-- it: the jury closes as 'overtaken', its reason 'moderator', and takes no more votes (it stays
-- closed should the post be shown again). A juror suspended while summoned is 'dismissed' from
-- their seat, and another member is drawn in their place, as when a juror declines.
ALTER TABLE juries
  DROP CONSTRAINT juries_status_check,
  ADD CONSTRAINT juries_status_check CHECK (status IN ('open', 'hidden', 'left', 'overtaken')),
  DROP CONSTRAINT juries_outcome_reason_check,
  ADD CONSTRAINT juries_outcome_reason_check
    CHECK (outcome_reason IN ('votes', 'tie', 'too_few_votes', 'moderator')),
  ADD CONSTRAINT juries_overtaken_check CHECK ((status = 'overtaken') = (outcome_reason = 'moderator'));

ALTER TABLE jurors
  DROP CONSTRAINT jurors_status_check,
  ADD CONSTRAINT jurors_status_check CHECK (status IN ('summoned', 'voted', 'declined', 'dismissed'));
