-- The forum groups and forums of a large community site's discussion board.

INSERT INTO forum_groups (slug, name, position) VALUES
  ('main', 'Main Forums', 1),
  ('issue-forums', 'Issue Forums', 2),
  ('culture-forums', 'Culture Forums', 3),
  ('region-forums', 'Region Forums', 4);

INSERT INTO forums (slug, name, description, group_id, position)
SELECT f.slug, f.name, f.description, g.id, f.position
FROM (VALUES
  ('main', 'latest-breaking-news', 'Latest Breaking News', 'Breaking news from reputable sources, as it happens.', 1),
  ('main', 'general-discussion', 'General Discussion', 'News and politics of the day.', 2),
  ('main', 'the-lounge', 'The Lounge', 'Talk about anything else.', 3),
  ('issue-forums', 'editorials', 'Editorials & Other Articles', 'Opinion pieces, columns and analysis from the press.', 1),
  ('issue-forums', 'economy', 'Economy', 'Jobs, prices, markets and money.', 2),
  ('issue-forums', 'environment-energy', 'Environment & Energy', 'Climate, conservation and power.', 3),
  ('issue-forums', 'health', 'Health', 'Medicine, public health and health policy.', 4),
  ('issue-forums', 'education', 'Education', 'Schools, universities and learning.', 5),
  ('issue-forums', 'foreign-affairs', 'Foreign Affairs', 'The world beyond our borders.', 6),
  ('issue-forums', 'science', 'Science', 'Research and discovery.', 7),
  ('issue-forums', 'civil-liberties', 'Civil Liberties', 'Rights, freedoms and the law.', 8),
  ('issue-forums', 'justice-public-safety', 'Justice & Public Safety', 'Courts, police and prisons.', 9),
  ('culture-forums', 'books', 'Books', 'What we are reading.', 1),
  ('culture-forums', 'movies', 'Movies', 'Films old and new.', 2),
  ('culture-forums', 'music', 'Music', 'Records, concerts and musicians.', 3),
  ('culture-forums', 'sports', 'Sports', 'Games, teams and athletes.', 4),
  ('culture-forums', 'religion', 'Religion', 'Faith and belief.', 5),
  ('culture-forums', 'computers-internet', 'Computers & Internet', 'Technology and the net.', 6),
  ('region-forums', 'us-northeast', 'U.S. Northeast', 'New England, New York, New Jersey and Pennsylvania.', 1),
  ('region-forums', 'us-south', 'U.S. South', 'From Texas to the Carolinas.', 2),
  ('region-forums', 'us-midwest', 'U.S. Midwest', 'The Great Lakes and the Plains.', 3),
  ('region-forums', 'us-west', 'U.S. West', 'The Mountain states, the Pacific coast, Alaska and Hawaii.', 4),
  ('region-forums', 'canada', 'Canada', 'News from our northern neighbours.', 5),
  ('region-forums', 'europe', 'Europe', 'The UK and the European continent.', 6)
) AS f (group_slug, slug, name, description, position)
JOIN forum_groups g ON g.slug = f.group_slug;
