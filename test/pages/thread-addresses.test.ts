import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { postLink, registerMember } from '../helpers/factories.js'

t.test('a thread page lives at its slugged address; the bare id and old slugs redirect there', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const poster = await registerMember(app)
  const id = (await postLink(app, poster.auth, { url: 'https://example.com/alliance', forum: 'economy' })).json().thread
    .id as number

  const pending = await app.inject({ url: `/threads/${id}` })
  t.equal(pending.statusCode, 200, 'no headline yet: the bare id serves the page itself')
  const guessed = await app.inject({ url: `/threads/${id}-anything` })
  t.equal(guessed.statusCode, 301, 'a slug it does not have leads to the bare id')
  t.equal(guessed.headers.location, `/threads/${id}`)

  await pool.query(
    `UPDATE threads SET status = 'ready', title = 'Russia and U.S. near de facto alliance' WHERE id = $1`,
    [id],
  )
  const slugged = `/threads/${id}-russia-and-u-s-near-de-facto-alliance`
  const bare = await app.inject({ url: `/threads/${id}` })
  t.equal(bare.statusCode, 301, 'the bare id redirects for good')
  t.equal(bare.headers.location, slugged)
  const paged = await app.inject({ url: `/threads/${id}?page=1&notice=already-posted` })
  t.equal(paged.headers.location, `${slugged}?page=1&notice=already-posted`, 'the query is kept')
  const page = await app.inject({ url: slugged })
  t.equal(page.statusCode, 200)
  t.match(page.body, `<a href="/login?next=${encodeURIComponent(slugged)}">`, 'the page knows its own address')
  const listed = await app.inject({ url: '/forums/economy' })
  t.match(listed.body, `<a class="title" href="${slugged}">`, 'lists link the slugged address')
  t.equal((await app.inject({ url: '/threads/99999999-nothing' })).statusCode, 404)
  t.equal((await app.inject({ url: '/threads/abc' })).statusCode, 400)

  // A headline edit changes the address; the old one leads to the new.
  const edited = await app.inject({
    method: 'PATCH',
    url: `/api/threads/${id}`,
    headers: poster.auth,
    payload: { title: 'Alliance talks stall', excerpt: ['A paragraph.'] },
  })
  t.equal(edited.statusCode, 200)
  const renamed = `/threads/${id}-alliance-talks-stall`
  const old = await app.inject({ url: slugged })
  t.equal(old.statusCode, 301, 'the old slug redirects')
  t.equal(old.headers.location, renamed)
  const now = await app.inject({ url: renamed })
  t.equal(now.statusCode, 200)
  t.match(now.body, '<h1 dir="auto">Alliance talks stall</h1>')
  t.equal((await app.inject({ url: `/api/threads/${id}` })).statusCode, 200, 'the JSON API keeps its bare ids')
})
