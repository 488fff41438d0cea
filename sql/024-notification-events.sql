-- Tells every web process when a member's notifications change, so their open pages' Inbox count
-- follows live (Server-Sent Events), whichever process wrote.
CREATE FUNCTION notify_member_notice() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('member_notice', json_build_object('schema', TG_TABLE_SCHEMA, 'member', NEW.member_id)::text);
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER notifications_member_notice AFTER INSERT OR UPDATE ON notifications
  FOR EACH ROW EXECUTE FUNCTION notify_member_notice();
