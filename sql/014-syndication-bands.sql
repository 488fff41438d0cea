-- Finding an earlier thread whose SimHash is within 3 bits of a thread's (src/extract/fingerprint.ts)
-- compared the thread with every thread of the duplicate window: tens of thousands of rows on a
-- busy forum, on every thread page. Cut into four 16-bit bands, two hashes at most 3 bits apart
-- share at least one band exactly (3 differing bits cannot touch all four), so an index per band
-- finds the few candidates, and only they are compared bit by bit.
CREATE INDEX threads_text_band_0 ON threads (((text_hash >> 48) & 65535)) WHERE text_hash IS NOT NULL;
CREATE INDEX threads_text_band_1 ON threads (((text_hash >> 32) & 65535)) WHERE text_hash IS NOT NULL;
CREATE INDEX threads_text_band_2 ON threads (((text_hash >> 16) & 65535)) WHERE text_hash IS NOT NULL;
CREATE INDEX threads_text_band_3 ON threads ((text_hash & 65535)) WHERE text_hash IS NOT NULL;
-- The planner needs the new indexes' statistics to use them.
ANALYZE threads;
