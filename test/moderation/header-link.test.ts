import t from 'tap'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession } from '../helpers/factories.js'
import { alert, quickMember } from '../helpers/juries.js'
import { moderationCast, replyTo, threadIn } from '../helpers/moderation.js'

t.test(
  'hosts, moderators and admins get a Moderation link with the open alerts in their reach; members do not',
  async (t) => {
    const { app, pool } = await buildTestApp(t)
    const { admin, moderator, host, member, poster } = await moderationCast(app, pool, 'economy')
    const hosted = await threadIn(app, poster, 'economy')
    const elsewhere = await threadIn(app, poster, 'the-lounge')
    const inHosted = await replyTo(app, poster, hosted, 'A reply in the hosted forum.')
    for (const [post, who] of [
      [{ threadId: hosted }, await quickMember(pool)],
      [{ replyId: inHosted }, await quickMember(pool)],
      [{ threadId: elsewhere }, await quickMember(pool)],
    ] as const) {
      const res = await alert(app, who, { ...post, reason: 'spam' })
      t.equal(res.statusCode, 201, 'alerted')
    }

    // The home page is one cached copy: the link is each reader's own part of it.
    const header = async (who: { user: { username: string }; password: string }) => {
      const cookie = await browserSession(app, who.user.username, who.password)
      const page = await app.inject({ url: '/', headers: { cookie } })
      t.equal(page.statusCode, 200)
      return /<a href="\/moderation"[^>]*>([^<]*)<\/a>/.exec(page.body)?.[1]
    }
    t.equal(await header(member), undefined, 'a member has no Moderation link')
    t.equal(await header(poster), undefined, 'nor has the poster')
    t.equal(await header(host), 'Moderation (2)', 'a host counts the alerts in their forum')
    t.equal(await header(moderator), 'Moderation (3)', 'a moderator counts them all')
    t.equal(await header(admin), 'Moderation (3)', 'so does an admin')
    t.notMatch((await app.inject({ url: '/' })).body, 'href="/moderation"', 'anonymous readers have none')

    await pool.query(`UPDATE juries SET status = 'left', outcome_reason = 'tie', decided_at = now()`)
    t.equal(await header(host), 'Moderation', 'no count once the juries are done')
  },
)
