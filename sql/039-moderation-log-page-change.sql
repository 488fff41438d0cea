-- The moderation log's feeds (and page) are kept like the lists: a new entry announces itself on
-- page_change, naming the thread it concerns (an entry about a member or a forum names none, so
-- every kept page goes; such entries are rare). Its own function, so later changes to the shared
-- notify_page_change() need not know about the log.
CREATE FUNCTION notify_moderation_log_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('page_change', json_build_object('schema', TG_TABLE_SCHEMA, 'thread', NEW.thread_id)::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER moderation_log_page_change AFTER INSERT ON moderation_log
  FOR EACH ROW EXECUTE FUNCTION notify_moderation_log_change();
