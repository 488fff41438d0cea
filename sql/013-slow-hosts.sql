-- A site whose fetch ran out of time is remembered as slow until slow_until
-- (or until it answers again): meanwhile its fetches get a short time limit,
-- so posts waiting for its turn are not each held back by a full timeout.
ALTER TABLE host_slots ADD COLUMN slow_until timestamptz;
