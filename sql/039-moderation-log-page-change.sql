-- The moderation log's feeds are kept like the lists: a new entry announces itself on page_change,
-- naming the thread it concerns, or thread 0, which no page shows (list pages go stale with any
-- announced change, thread pages only with their own thread's). The moderation pages' migration
-- may have made this trigger already, with the same message; then there is nothing to do. Where
-- both run, Postgres sends a transaction's identical notifications once.
DO $migration$
BEGIN
  IF EXISTS (
    SELECT 1 FROM pg_trigger WHERE tgrelid = 'moderation_log'::regclass AND tgname = 'moderation_log_page_change'
  ) THEN
    RETURN;
  END IF;
  CREATE FUNCTION notify_moderation_log_change() RETURNS trigger AS $fn$
  BEGIN
    PERFORM pg_notify('page_change',
      json_build_object('schema', TG_TABLE_SCHEMA, 'thread', coalesce(NEW.thread_id, 0))::text);
    RETURN NULL;
  END
  $fn$ LANGUAGE plpgsql;
  CREATE TRIGGER moderation_log_feed_change AFTER INSERT ON moderation_log
    FOR EACH ROW EXECUTE FUNCTION notify_moderation_log_change();
END
$migration$;
