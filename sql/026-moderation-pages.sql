-- The public moderation log and a forum's hosts are shown on list pages (the log, a forum's page).
-- A log entry or a change of hosts names the thread it concerns, or thread 0, which no page shows:
-- list pages go stale with any announced change, thread pages only with their own thread's.
CREATE FUNCTION notify_list_change() RETURNS trigger AS $$
DECLARE
  thread bigint;
BEGIN
  IF TG_TABLE_NAME = 'moderation_log' THEN
    thread := coalesce(NEW.thread_id, 0);
  ELSE
    thread := 0;
  END IF;
  PERFORM pg_notify('page_change', json_build_object('schema', TG_TABLE_SCHEMA, 'thread', thread)::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER moderation_log_page_change AFTER INSERT ON moderation_log
  FOR EACH ROW EXECUTE FUNCTION notify_list_change();
CREATE TRIGGER forum_hosts_page_change AFTER INSERT OR DELETE ON forum_hosts
  FOR EACH ROW EXECUTE FUNCTION notify_list_change();

-- A forum's log shows the threads moved into it as well as what happened in it.
CREATE INDEX moderation_log_moved_to ON moderation_log (((details ->> 'to')::int), id DESC) WHERE action = 'move';
