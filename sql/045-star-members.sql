-- A Star member supports the site; an admin gives the star (and takes it back), and it shows beside
-- the member's name wherever they posted. Null: not a star.
ALTER TABLE users ADD COLUMN star_since timestamptz;

-- Any page may show the member's name (a byline, a reply, a list's "last by"): like a new name, a
-- star given or taken names no thread, so every cached page is rendered again. Admins do this rarely.
CREATE TRIGGER users_star_page_change AFTER UPDATE OF star_since ON users
  FOR EACH ROW WHEN ((OLD.star_since IS NULL) IS DISTINCT FROM (NEW.star_since IS NULL))
  EXECUTE FUNCTION notify_page_change();
