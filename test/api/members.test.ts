import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember, uniqueName } from '../helpers/factories.js'

t.test('register, log in and use the token', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const username = uniqueName()

  const reg = await app.inject({
    method: 'POST',
    url: '/api/register',
    payload: { username, password: 'correct horse' },
  })
  t.equal(reg.statusCode, 201)
  const body = reg.json()
  t.equal(body.user.username, username)
  t.type(body.user.id, 'number')
  t.match(body.token, /^[\w-]{40,}$/)

  const login = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username: username.toUpperCase(), password: 'correct horse' },
  })
  t.equal(login.statusCode, 200, 'usernames are matched without regard to case')
  t.equal(login.json().user.id, body.user.id)
  t.not(login.json().token, body.token, 'each login gets its own token')

  const { rows } = await pool.query('SELECT password_hash FROM users WHERE id = $1', [body.user.id])
  t.match(rows[0].password_hash, /^scrypt\$/, 'the password is stored hashed')
  t.notMatch(rows[0].password_hash, /correct horse/)
})

t.test('registration errors say what is wrong and store nothing', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const taken = await registerMember(app)
  const cases = [
    {
      payload: { username: taken.user.username.toUpperCase(), password: 'long enough' },
      status: 409,
      error: 'username_taken',
    },
    { payload: { username: 'ab', password: 'long enough' }, status: 400, error: 'invalid_username' },
    { payload: { username: 'has space', password: 'long enough' }, status: 400, error: 'invalid_username' },
    { payload: { username: uniqueName(), password: 'short' }, status: 400, error: 'invalid_password' },
    { payload: { username: uniqueName() }, status: 400, error: 'invalid_request', message: /"password" is required/ },
    {
      payload: { username: uniqueName(), password: 'long enough', admin: true },
      status: 400,
      error: 'invalid_request',
      message: /Unknown field "admin"/,
    },
  ]
  for (const c of cases) {
    const res = await app.inject({ method: 'POST', url: '/api/register', payload: c.payload })
    t.equal(res.statusCode, c.status, JSON.stringify(c.payload))
    t.equal(res.json().error, c.error)
    t.type(res.json().message, 'string')
    if (c.message) t.match(res.json().message, c.message)
  }
  const { rows } = await pool.query('SELECT count(*)::int AS n FROM users')
  t.equal(rows[0].n, 1, 'only the first member was stored')
})

t.test('bad logins and bad tokens are refused with 401', async (t) => {
  const { app } = await buildTestApp(t)
  const member = await registerMember(app)
  const wrong = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username: member.user.username, password: 'not the password' },
  })
  t.equal(wrong.statusCode, 401)
  t.same(wrong.json(), { error: 'invalid_credentials', message: 'That username and password do not match.' })

  const unknown = await app.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username: uniqueName(), password: 'whatever1' },
  })
  t.equal(unknown.statusCode, 401)

  const badToken = await postLink(
    app,
    { authorization: 'Bearer not-a-real-token' },
    { url: 'https://example.com/a', forum: 'editorials' },
  )
  t.equal(badToken.statusCode, 401)
  t.equal(badToken.json().error, 'unauthorized')

  const noToken = await app.inject({
    method: 'POST',
    url: '/api/threads',
    payload: { url: 'https://example.com/a', forum: 'editorials' },
  })
  t.equal(noToken.statusCode, 401)
  t.equal(noToken.json().error, 'unauthorized')
})
