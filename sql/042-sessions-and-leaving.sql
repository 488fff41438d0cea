-- Members see their sessions and API tokens and end any of them; a session is named by a public id
-- (its token's hash stays the key, and never leaves the database).
ALTER TABLE sessions ADD COLUMN id bigint GENERATED ALWAYS AS IDENTITY;
ALTER TABLE sessions ADD CONSTRAINT sessions_id_key UNIQUE (id);

-- Every web process keeps a signed-in member a few seconds; an ended session (logged out, revoked,
-- its account deleted) is announced so each process drops it at once, whichever process ended it.
CREATE FUNCTION notify_session_end() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('session_end', json_build_object('schema', TG_TABLE_SCHEMA, 'member', OLD.user_id)::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER sessions_session_end AFTER DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION notify_session_end();

-- A member may delete their account: their threads and replies stay, under a name of the form
-- former-member-<id> that pages show as "a former member"; the account can no longer log in.
ALTER TABLE users ADD COLUMN deleted_at timestamptz;
