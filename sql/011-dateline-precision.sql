-- Whether a digest's published and modified times know the time of day
-- ('time') or only the date ('date'): a page that prints a time without saying
-- which zone it is in keeps only its date, stored as midnight UTC and shown
-- without a clock. Meaningful where the time itself is set; digests stored
-- before this kept whatever time they had, so they stay 'time'.
ALTER TABLE threads
  ADD COLUMN published_time_precision text NOT NULL DEFAULT 'time'
    CHECK (published_time_precision IN ('time', 'date')),
  ADD COLUMN modified_time_precision text NOT NULL DEFAULT 'time'
    CHECK (modified_time_precision IN ('time', 'date'));
