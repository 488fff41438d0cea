import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession } from '../helpers/factories.js'
import { moderationCast, replyTo, threadIn } from '../helpers/moderation.js'

interface Notice {
  id: number
  kind: string
  moderation: { action: string; summary: string; reason: string } | null
  thread: { id: number; heading: string } | null
  read: boolean
}

t.test('the poster is told of every moderator action on their post, with the reason and a link', async (t) => {
  const { app, pool } = await buildTestApp(t)
  const { host, moderator, member, poster } = await moderationCast(app, pool, 'economy')
  const threadId = await threadIn(app, poster, 'economy')
  const replyId = await replyTo(app, member, threadId, 'A reply that will be hidden.')
  const act = (who: typeof host, url: string, payload: Record<string, unknown>) =>
    app.inject({ method: 'POST', url, headers: who.auth, payload })
  const inbox = async (who: typeof host) =>
    ((await app.inject({ url: '/api/notifications', headers: who.auth })).json().notifications as Notice[]).filter(
      (n) => n.kind === 'moderation',
    )

  t.equal((await act(host, `/api/threads/${threadId}/lock`, { reason: 'Heated enough' })).statusCode, 200)
  t.equal((await act(host, `/api/threads/${threadId}/lock`, {})).json().changed, false, 'locking again changes nothing')
  for (const [action, reason] of [
    ['unlock', ''],
    ['pin', 'Important'],
    ['unpin', ''],
    ['hide', 'Off-topic here'],
    ['unhide', 'On reflection, fine'],
  ])
    t.equal(
      (await act(host, `/api/threads/${threadId}/${action}`, { reason })).statusCode,
      200,
      `${action} by the host`,
    )
  t.equal((await act(moderator, `/api/replies/${replyId}/hide`, { reason: 'Spam link' })).statusCode, 200)
  t.equal((await act(moderator, `/api/replies/${replyId}/unhide`, { reason: '' })).statusCode, 200)
  t.equal(
    (await act(host, `/api/threads/${threadId}/move`, { forum: 'the-lounge', reason: 'Belongs there' })).statusCode,
    200,
  )

  const told = await inbox(poster)
  t.same(
    told.map((n) => [n.moderation!.action, n.moderation!.reason]).reverse(),
    [
      ['lock', 'Heated enough'],
      ['unlock', ''],
      ['pin', 'Important'],
      ['unpin', ''],
      ['hide_thread', 'Off-topic here'],
      ['unhide_thread', 'On reflection, fine'],
      ['move', 'Belongs there'],
    ],
    'one notice per change, none for an action that changed nothing',
  )
  t.match(told[0], {
    thread: { id: threadId },
    read: false,
    moderation: { summary: 'A moderator moved your thread to the forum the-lounge' },
  })
  const replyNotices = await inbox(member)
  t.same(replyNotices.map((n) => [n.moderation!.action, n.moderation!.summary, n.moderation!.reason]).reverse(), [
    ['hide_reply', 'A moderator hid your reply in this thread', 'Spam link'],
    ['unhide_reply', 'A moderator showed your reply in this thread again', ''],
  ])
  t.same(await inbox(host), [], 'the one who acted is told nothing')

  // The inbox page says what, why and leads to the post.
  const cookie = await browserSession(app, member.user.username, member.password)
  const page = await app.inject({ url: '/notifications', headers: { cookie } })
  t.match(page.body, 'A moderator hid your reply in this thread. Reason: <bdi>Spam link</bdi>')
  t.match(page.body, /Inbox \(\d+\)/, 'counted in the header')
  const opened = await app.inject({ url: `/notifications/${replyNotices.at(-1)!.id}`, headers: { cookie } })
  t.equal(opened.statusCode, 303)
  t.match(opened.headers.location, new RegExp(`^/threads/${threadId}[^#]*#reply-${replyId}$`), 'to the reply')
  t.equal((await inbox(member)).at(-1)!.read, true, 'opening marks it read')
})

t.test(
  'a suspension is told to the member, with why and until when; acting on your own post tells no one',
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const { moderator, member } = await moderationCast(app, pool, 'economy')
    const suspend = await app.inject({
      method: 'POST',
      url: `/api/members/${member.user.username}/suspend`,
      headers: moderator.auth,
      payload: { hours: 24, reason: 'Flooding the forum' },
    })
    t.equal(suspend.statusCode, 200)
    const until = (suspend.json().suspendedUntil as string).slice(0, 16).replace('T', ' ')
    const notices = (await app.inject({ url: '/api/notifications', headers: member.auth })).json().notifications
    t.match(notices, [
      {
        kind: 'moderation',
        thread: null,
        moderation: {
          action: 'suspend',
          reason: 'Flooding the forum',
          summary: `A moderator suspended you until ${until} UTC`,
        },
      },
    ])
    const cookie = await browserSession(app, member.user.username, member.password)
    const page = await app.inject({ url: '/notifications', headers: { cookie } })
    t.match(page.body, 'Your account</a>')
    t.match(page.body, 'Reason: <bdi>Flooding the forum</bdi>')
    const opened = await app.inject({ url: `/notifications/${notices[0].id}`, headers: { cookie } })
    t.equal(opened.headers.location, '/moderation/log', 'it leads to the public log that records it')

    const own = await threadIn(app, moderator, 'economy')
    for (const action of ['lock', 'pin', 'hide'])
      t.equal(
        (
          await app.inject({
            method: 'POST',
            url: `/api/threads/${own}/${action}`,
            headers: moderator.auth,
            payload: { reason: 'Mine' },
          })
        ).statusCode,
        200,
      )
    const mine = (await app.inject({ url: '/api/notifications', headers: moderator.auth })).json().notifications
    t.same(
      mine.filter((n: Notice) => n.kind === 'moderation'),
      [],
      'no notice of your own action on your own post',
    )
    const { rows } = await pool.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'moderation'`)
    t.equal(rows[0].n, 1, 'only the suspension was told')
  },
)
