-- A site's turn is held while a fetch is in flight (lease_until, by the job in
-- lease_owner), apart from the gap or Retry-After that follows it (next_at): a
-- waiting job can then wait exactly for the latter, and look again soon for
-- the former. Only the holder of a turn ends it.
ALTER TABLE host_slots
  ADD COLUMN lease_until timestamptz,
  ADD COLUMN lease_owner text;
