-- A thread page reads its replies' places in the tree (id, parent) for every render, to find
-- which replies its page shows: from the index alone, without visiting the rows.
CREATE INDEX replies_thread_tree ON replies (thread_id, id) INCLUDE (parent_id);
DROP INDEX replies_thread;
