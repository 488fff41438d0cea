import t from 'tap'
import { REPLIES_PER_PAGE } from '../../src/limits.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession, postLink, readyThread, registerMember, threadPage } from '../helpers/factories.js'

t.test(
  'threads with replies since a member last opened them are marked, and lead to the first new reply',
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const reader = await registerMember(app)
    const writer = await registerMember(app)
    const id = await readyThread(
      { app, pool },
      writer.auth,
      { url: 'https://example.com/unread', forum: 'economy' },
      'A busy story',
    )
    const say = async (body: string) =>
      (
        await app.inject({ method: 'POST', url: `/api/threads/${id}/replies`, headers: writer.auth, payload: { body } })
      ).json().reply.id as number
    for (let i = 0; i < REPLIES_PER_PAGE; i++) await say(`Early reply ${i}.`)
    const cookie = await browserSession(app, reader.user.username, reader.password)
    const mark = `li[data-thread="${id}"] > .title::after`

    const firstVisit = await threadPage(app, id, { cookie })
    t.notMatch(firstVisit.body, 'New replies since', 'a thread never opened has nothing new')
    t.notMatch((await app.inject({ url: '/', headers: { cookie } })).body, mark, 'and no mark')

    await new Promise((resolve) => setTimeout(resolve, 20))
    const fresh = await say('A new reply, on the second page.')
    const latest = await app.inject({ url: '/', headers: { cookie } })
    t.match(latest.body, mark, 'the list marks the thread')
    const since = new RegExp(`<script src="/static/unread-links.js" data-marks="\\[\\[${id},(\\d+)\\]\\]" defer>`).exec(
      latest.body,
    )?.[1]
    t.ok(since, "and has the thread's link lead to the first new reply")
    const fromList = await app.inject({ url: `/threads/${id}/unread?since=${since}`, headers: { cookie } })
    t.equal(fromList.headers.location, `/threads/${id}-a-busy-story?page=2#reply-${fresh}`, 'on its page')
    t.notMatch((await app.inject({ url: '/' })).body, mark, 'for that member only')

    const page = await threadPage(app, id, { cookie })
    const link = /href="(\/threads\/\d+\/unread\?since=\d+)"/.exec(page.body)?.[1]
    t.ok(link, 'the thread says replies came, with a link to the first')
    const jump = await app.inject({ url: link!, headers: { cookie } })
    t.equal(jump.statusCode, 303)
    t.equal(jump.headers.location, `/threads/${id}-a-busy-story?page=2#reply-${fresh}`)

    t.notMatch((await app.inject({ url: '/', headers: { cookie } })).body, mark, 'opened: the mark is gone')
    t.notMatch((await threadPage(app, id, { cookie })).body, 'New replies since')
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM thread_reads WHERE member_id = $1', [
      reader.user.id,
    ])
    t.equal(rows[0].n, 1, 'one read kept per member and thread')
  },
)

t.test('the first unseen reply is the first in reading order, not the first written', async (t) => {
  const { app } = await buildTestApp(t)
  const reader = await registerMember(app)
  const writer = await registerMember(app)
  const id = (await postLink(app, writer.auth, { url: 'https://example.com/order', forum: 'economy' })).json().thread
    .id as number
  const say = async (body: string, parentId?: number) =>
    (
      await app.inject({
        method: 'POST',
        url: `/api/threads/${id}/replies`,
        headers: writer.auth,
        payload: { body, ...(parentId ? { parentId } : {}) },
      })
    ).json().reply.id as number
  const first = await say('First.')
  await say('Second.')
  const cookie = await browserSession(app, reader.user.username, reader.password)
  await threadPage(app, id, { cookie })
  const since = Date.now()
  await new Promise((resolve) => setTimeout(resolve, 20))
  await say('Third, at the end.')
  const answer = await say('An answer to the first, read before the third.', first)
  const jump = await app.inject({ url: `/threads/${id}/unread?since=${since}`, headers: { cookie } })
  t.equal(jump.headers.location, `/threads/${id}#reply-${answer}`)
  const none = await app.inject({ url: `/threads/${id}/unread?since=${Date.now() + 1000}`, headers: { cookie } })
  t.equal(none.headers.location, `/threads/${id}`, 'nothing new: the thread')
})
