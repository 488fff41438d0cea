-- Tells listening web processes when a thread's digest status changes, so open
-- thread pages update by themselves (Server-Sent Events), whichever process or
-- machine made the change. The schema is named because one database may hold
-- several installations (or test runs), and notifications are per database.
CREATE FUNCTION notify_thread_status() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('thread_status', json_build_object('schema', TG_TABLE_SCHEMA, 'id', NEW.id, 'status', NEW.status)::text);
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER threads_status_notify
  AFTER UPDATE OF status ON threads
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION notify_thread_status();
