-- A member's ignore list: whose threads and replies they do not want to see.
CREATE TABLE ignores (
  member_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  ignored_id bigint NOT NULL REFERENCES users ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (member_id, ignored_id),
  CHECK (member_id <> ignored_id)
);
