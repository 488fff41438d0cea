import t from 'tap'
import { BIO_MAX } from '../../src/limits.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, formPost, readyThread, registerMember, uniqueName } from '../helpers/factories.js'
import { listenOnLoopback, logIn, openBrowser, withoutChromium } from '../helpers/browser.js'
import { asSent } from '../helpers/as-sent.js'

t.test('a member writes a bio on their settings page; their page shows it and their recs given', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const member = await registerMember(app)
  const other = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const id = await readyThread({ app, pool }, other.auth, { url: 'https://example.com/bio-rec', forum: 'economy' })
  await app.inject({ method: 'PUT', url: `/api/threads/${id}/rec`, headers: member.auth })

  const settings = await app.inject({ url: '/settings', headers: { cookie } })
  t.equal(settings.statusCode, 200)
  t.match(settings.body, '<h1>Your settings</h1>')
  const saved = await app.inject({
    url: '/settings/profile',
    ...formPost({ bio: 'Reads <everything> twice.\nSee https://example.org/me' }, { cookie }),
  })
  t.equal(saved.statusCode, 303)
  t.equal(saved.headers.location, `/members/${member.user.username}`)

  const page = await app.inject({ url: `/members/${member.user.username}`, headers: { cookie } })
  t.match(page.body, 'Reads &lt;everything&gt; twice.')
  t.match(page.body, '<a href="https://example.org/me" rel="nofollow ugc noopener">')
  t.match(page.body, '1 rec given')
  t.match(page.body, '<a href="/settings">Edit your profile and settings</a>', 'a member sees how to edit their own')
  const seen = await app.inject({ url: `/members/${member.user.username}` })
  t.notMatch(seen.body, 'Edit your profile', 'others do not')

  const tooLong = 'x'.repeat(BIO_MAX + 1)
  const refused = await app.inject({ url: '/settings/profile', ...formPost({ bio: tooLong }, { cookie }) })
  t.equal(refused.statusCode, 400)
  t.match(refused.body, `${tooLong}</textarea>`, 'what was typed is kept')
  t.match(refused.body, 'role="alert" id="bio-error"')
  t.match((await app.inject({ url: `/members/${member.user.username}` })).body, 'Reads &lt;everything&gt; twice.')

  const anonymous = await app.inject({ url: '/settings' })
  t.equal(anonymous.statusCode, 303)
  t.match(anonymous.headers.location, /^\/login\?next=/)

  const api = await app.inject({ url: `/api/members/${member.user.username}` })
  t.match(api.json().member, { username: member.user.username, recsGiven: 1, bio: /^Reads <everything>/ })
  const patched = await app.inject({ method: 'PATCH', url: '/api/me', headers: member.auth, payload: { bio: '' } })
  t.equal(patched.json().member.bio, '')
  t.equal((await app.inject({ method: 'PATCH', url: '/api/me', payload: { bio: 'x' } })).statusCode, 401)
  t.equal((await app.inject({ url: '/api/members/nobody-here' })).statusCode, 404)
})

t.test('a member changes their password with the current one; a wrong one changes nothing', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)

  const wrong = await app.inject({
    url: '/settings/password',
    ...formPost({ current: 'not my password', password: 'a brand new password' }, { cookie }),
  })
  t.equal(wrong.statusCode, 403)
  t.match(wrong.body, 'That is not your current password; nothing was changed.')
  const short = await app.inject({
    url: '/settings/password',
    ...formPost({ current: member.password, password: 'short' }, { cookie }),
  })
  t.equal(short.statusCode, 400)
  t.match(short.body, 'Passwords are 8 to 200 characters long.')
  const login = (password: string) =>
    app.inject({ method: 'POST', url: '/api/login', payload: { username: member.user.username, password } })
  t.equal((await login(member.password)).statusCode, 200, 'the old password still works after refusals')

  const changed = await app.inject({
    url: '/settings/password',
    ...formPost({ current: member.password, password: 'a brand new password' }, { cookie }),
  })
  t.equal(changed.statusCode, 303)
  t.equal(changed.headers.location, '/settings?saved=password')
  t.match(
    (await app.inject({ url: '/settings?saved=password', headers: { cookie } })).body,
    'Your password is changed.',
  )
  t.equal((await login(member.password)).statusCode, 401)
  t.equal((await login('a brand new password')).statusCode, 200)

  const api = await app.inject({
    method: 'PUT',
    url: '/api/me/password',
    headers: member.auth,
    payload: { currentPassword: 'wrong', newPassword: 'another new password' },
  })
  t.equal(api.statusCode, 403)
  t.equal(api.json().error, 'wrong_password')
})

t.test('the member list: newest or most posts first, and found by the start of a name', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const prefix = uniqueName('zed')
  const quiet = await registerMember(app, `${prefix}_quiet`)
  const busy = await registerMember(app, `${prefix}_busy`)
  await registerMember(app, uniqueName('other'))
  await pool.query('UPDATE users SET post_count = 7 WHERE id = $1', [busy.user.id])

  const names = (html: string) => [...html.matchAll(/<li><a href="\/members\/([^"]+)">/g)].map((m) => m[1])
  const found = await app.inject({ url: `/members?q=${prefix.toUpperCase()}` })
  t.same(names(found.body), [busy.user.username, quiet.user.username], 'any case; newest first')
  t.match(found.body, `2 members whose name starts with &#8220;${prefix.toUpperCase()}&#8221;.`)
  const byPosts = await app.inject({ url: `/members?sort=posts&q=${prefix}` })
  t.same(names(byPosts.body), [busy.user.username, quiet.user.username])
  const none = await app.inject({ url: '/members?q=%25' })
  t.match(none.body, asSent('No member’s name starts with “%”.'), 'a wildcard is only a character')
  t.equal((await app.inject({ url: '/members?sort=random' })).statusCode, 400)
})

t.test('settings in a real browser at 360 px', { skip: withoutChromium }, async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const base = await listenOnLoopback(app)
  const browser = await openBrowser(t)
  const page = await browser.newPage({ viewport: { width: 360, height: 800 } })
  await logIn(page, base, member, '/settings')
  await page.getByLabel('A few words others see').fill('Local news junkie.')
  await page.getByRole('button', { name: 'Save' }).click()
  await page.waitForURL(`${base}/members/${member.user.username}`)
  t.equal((await page.locator('.bio').textContent())?.trim(), 'Local news junkie.')
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
  t.ok(scroll <= 360, `no sideways scrolling (${scroll}px)`)
  if (process.env.SCREENSHOT_DIR)
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/profile-360.png`, fullPage: true })
})
