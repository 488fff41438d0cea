import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'

t.test('the forums of a real community site are seeded, grouped', async (t) => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/api/forums' })
  t.equal(res.statusCode, 200)
  const { forums } = res.json() as { forums: { slug: string; name: string; group: string }[] }
  const bySlug = new Map(forums.map((f) => [f.slug, f]))
  t.match(bySlug.get('latest-breaking-news'), { name: 'Latest Breaking News' })
  t.match(bySlug.get('general-discussion'), { name: 'General Discussion' })
  t.match(bySlug.get('the-lounge'), { name: 'The Lounge' })
  t.match(bySlug.get('editorials'), { name: 'Editorials & Other Articles', group: 'Issue Forums' })
  const groups = new Set(forums.map((f) => f.group))
  t.ok(groups.has('Culture Forums') && groups.has('Region Forums'), 'culture and region groups exist')
})

t.test('unknown API routes answer JSON 404', async (t) => {
  const { app } = await buildTestApp(t)
  const res = await app.inject({ method: 'GET', url: '/api/nothing-here' })
  t.equal(res.statusCode, 404)
  t.equal(res.json().error, 'not_found')
})
