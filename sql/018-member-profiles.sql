-- A member's few words about themselves, shown on their page.
ALTER TABLE users ADD COLUMN bio text NOT NULL DEFAULT '';

-- The member list: by most posts, and found by the start of a name.
CREATE INDEX users_most_posts ON users (post_count DESC, id DESC);
CREATE INDEX users_name_prefix ON users (lower(username) text_pattern_ops);
