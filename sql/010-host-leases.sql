-- A site's turn is held while a fetch is in flight (lease_until), apart from the
-- gap or Retry-After that follows it (next_at): a waiting job can then wait
-- exactly for the latter, and look again soon for the former.
ALTER TABLE host_slots ADD COLUMN lease_until timestamptz;
