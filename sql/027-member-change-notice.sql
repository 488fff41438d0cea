-- A moderator's change to a member (a suspension, a role, a forum to host) is announced like an
-- ended session, so every web process drops what it keeps of that member and the change applies
-- on their next request everywhere, not a few seconds later.
CREATE FUNCTION notify_member_change() RETURNS trigger AS $$
DECLARE
  member bigint;
BEGIN
  IF TG_TABLE_NAME = 'users' THEN
    member := NEW.id;
  ELSIF TG_OP = 'DELETE' THEN
    member := OLD.member_id;
  ELSE
    member := NEW.member_id;
  END IF;
  PERFORM pg_notify('session_end', json_build_object('schema', TG_TABLE_SCHEMA, 'member', member)::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_member_change AFTER UPDATE OF role, suspended_until, suspended_reason ON users
  FOR EACH ROW WHEN (OLD.role IS DISTINCT FROM NEW.role
    OR OLD.suspended_until IS DISTINCT FROM NEW.suspended_until
    OR OLD.suspended_reason IS DISTINCT FROM NEW.suspended_reason)
  EXECUTE FUNCTION notify_member_change();
CREATE TRIGGER forum_hosts_member_change AFTER INSERT OR DELETE ON forum_hosts
  FOR EACH ROW EXECUTE FUNCTION notify_member_change();
