import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { formPost, registerMember, uniqueName } from '../helpers/factories.js'

t.test('log-in and registration attempts are limited per address, API and pages together', async (t) => {
  const { app } = await buildTestApp(t, { env: { AUTH_ATTEMPTS_PER_MINUTE: '3' } })
  const member = await registerMember(app)
  const tries = []
  for (let i = 0; i < 4; i++) {
    tries.push(
      await app.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: member.user.username, password: 'wrong password' },
      }),
    )
  }
  t.same(
    tries.map((r) => r.statusCode),
    [401, 401, 401, 429],
  )
  t.equal(tries[3]!.json().error, 'rate_limited')
  t.match(tries[3]!.json().message, /^Too many log-in attempts from your address; try again in \d+ seconds\.$/)
  t.ok(Number(tries[3]!.headers['retry-after']) > 0, 'the 429 says when to try again')

  // The registration through the API above counts with these.
  const pages = []
  for (let i = 0; i < 3; i++)
    pages.push(
      await app.inject({
        url: '/register',
        ...formPost({ username: `typed_${i}_${uniqueName()}`, password: 'long enough pw' }),
      }),
    )
  t.same(
    pages.map((r) => r.statusCode),
    [303, 303, 429],
  )
  t.ok(Number(pages[2]!.headers['retry-after']) > 0)
  t.match(pages[2]!.body, 'Too many registration attempts from your address')
  t.match(pages[2]!.body, /value="typed_2_/, 'the form is shown again with the name typed')
})

t.test('forms sent from another site are refused', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const fields = { username: uniqueName(), password: 'long enough pw' }
  const crossOrigin = await app.inject({ url: '/register', ...formPost(fields, { origin: 'https://evil.example' }) })
  t.equal(crossOrigin.statusCode, 403)
  t.match(crossOrigin.body, 'This form was sent from another site.')
  const crossSite = await app.inject({ url: '/register', ...formPost(fields, { 'sec-fetch-site': 'cross-site' }) })
  t.equal(crossSite.statusCode, 403)
  const logout = await app.inject({ method: 'POST', url: '/logout', headers: { 'sec-fetch-site': 'same-site' } })
  t.equal(logout.statusCode, 403, 'a sibling subdomain is another site too')
  t.equal((await pool.query('SELECT count(*)::int AS n FROM users')).rows[0].n, 0, 'nobody was registered')

  const sameOrigin = await app.inject({
    url: '/register',
    ...formPost(fields, { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' }),
  })
  t.equal(sameOrigin.statusCode, 303, 'the site’s own pages may send it')
})
