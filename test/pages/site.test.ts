import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, registerMember } from '../helpers/factories.js'
import { PASSWORD_RULE, USERNAME_RULE } from '../../src/limits.js'

t.test('what every page carries: icon, header, post a link', async (t) => {
  const { app } = await buildTestApp(t)
  const icon = await app.inject({ method: 'GET', url: '/favicon.ico' })
  t.equal(icon.statusCode, 200)
  t.match(icon.headers['content-type'], /^image\/(x-icon|vnd\.microsoft\.icon)/)
  t.same([...icon.rawPayload.subarray(0, 4)], [0, 0, 1, 0], 'an ICO file')
  const svg = await app.inject({ method: 'GET', url: '/static/favicon.svg' })
  t.equal(svg.statusCode, 200)

  const member = await registerMember(app)
  const cookie = await browserSession(app, member.user.username, member.password)
  const home = await app.inject({ method: 'GET', url: '/', headers: { cookie } })
  const account = /<div class="account">([\s\S]*?)<\/div>/.exec(home.body)![1]!
  const text = account
    .replace(/<[^>]+>/g, '')
    .replace(/&#183;/g, '·')
    .replace(/\s+/g, ' ')
    .trim()
  t.equal(
    text,
    `${member.user.username} (0 posts) · Inbox · Settings · Log out`,
    'separators between the count, Settings and Log out',
  )
  t.match(home.body, '<a class="button act" href="/post">Post a link</a>', 'Latest Discussions offers Post a link')
})

t.test('registration shows its rules before the first attempt', async (t) => {
  const { app } = await buildTestApp(t)
  const page = await app.inject({ method: 'GET', url: '/register' })
  t.match(page.body, USERNAME_RULE)
  t.match(page.body, PASSWORD_RULE)
  t.match(page.body, 'maxlength="24"')
  t.match(page.body, 'minlength="8"')
})

t.test('list pages check their page number', async (t) => {
  const { app } = await buildTestApp(t)
  for (const url of ['/?page=abc', '/?page=0', '/forums/economy?page=-1', '/members?page=1.5']) {
    const res = await app.inject({ method: 'GET', url })
    t.equal(res.statusCode, 400, url)
    t.match(res.headers['content-type'], /text\/html/)
    t.match(res.body, 'The field')
  }
  const shared = await app.inject({ method: 'GET', url: '/?page=1&utm_source=newsletter' })
  t.equal(shared.statusCode, 200, 'links with tracking parameters still open')
  const beyond = await app.inject({ method: 'GET', url: '/forums/economy?page=7' })
  t.equal(beyond.statusCode, 200)
  t.match(beyond.body, 'No discussions yet.')
})
