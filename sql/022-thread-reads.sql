-- When a member last opened a thread: lists mark the threads with replies since, and the thread page
-- leads to the first reply they have not seen.
CREATE TABLE thread_reads (
  member_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  thread_id bigint NOT NULL REFERENCES threads ON DELETE CASCADE,
  read_at timestamptz NOT NULL,
  PRIMARY KEY (member_id, thread_id)
);
CREATE INDEX thread_reads_recent ON thread_reads (member_id, read_at);
