-- Tells every web process which of its cached pages a write has made stale, whichever process or
-- machine wrote: a thread (its digest, status, edits, links, source revisions) or a reply names
-- the thread; a forum's name, description or settings, or a member's name, names no thread (any
-- page may show it). Post counts and a forum's counters change with every post and are left out:
-- pages show them as of their last render (a few seconds at most, see the page cache).
-- Postgres sends identical notifications of one transaction once.
CREATE FUNCTION notify_page_change() RETURNS trigger AS $$
DECLARE
  thread bigint;
BEGIN
  IF TG_TABLE_NAME = 'threads' THEN
    thread := CASE TG_OP WHEN 'DELETE' THEN OLD.id ELSE NEW.id END;
  ELSIF TG_TABLE_NAME IN ('replies', 'thread_links', 'thread_revisions') THEN
    thread := CASE TG_OP WHEN 'DELETE' THEN OLD.thread_id ELSE NEW.thread_id END;
  END IF;
  PERFORM pg_notify('page_change', json_build_object('schema', TG_TABLE_SCHEMA, 'thread', thread)::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER threads_page_change AFTER INSERT OR UPDATE OR DELETE ON threads
  FOR EACH ROW EXECUTE FUNCTION notify_page_change();
CREATE TRIGGER replies_page_change AFTER INSERT OR UPDATE OR DELETE ON replies
  FOR EACH ROW EXECUTE FUNCTION notify_page_change();
CREATE TRIGGER thread_links_page_change AFTER INSERT OR DELETE ON thread_links
  FOR EACH ROW EXECUTE FUNCTION notify_page_change();
CREATE TRIGGER thread_revisions_page_change AFTER INSERT OR UPDATE OR DELETE ON thread_revisions
  FOR EACH ROW EXECUTE FUNCTION notify_page_change();
CREATE TRIGGER forums_page_change AFTER UPDATE OF name, description, excerpt_paragraphs, excerpt_max_chars ON forums
  FOR EACH ROW EXECUTE FUNCTION notify_page_change();
CREATE TRIGGER users_page_change AFTER UPDATE OF username ON users
  FOR EACH ROW EXECUTE FUNCTION notify_page_change();
