import t from 'tap'
import { setRole } from '../../src/db/users.js'
import { buildTestApp } from '../helpers/build-app.js'
import { browserSession } from '../helpers/factories.js'
import { alert, quickMember, scene, summoned, vote } from '../helpers/juries.js'

t.test('after a hiding verdict, jurors and alerters get a stub; the poster and moderators still read it', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '3' } })
  const { app, pool } = built
  const words = { title: 'Alerted story', reply: 'Everyone here is a fool, and a liar.' }
  const { alerter, rude, members, replyId } = await scene(built, 3, words)
  const moderator = await quickMember(pool)
  await setRole(pool, moderator.user.username, 'moderator')
  const juryId = (await alert(app, alerter, { replyId, reason: 'personal_attack' })).json().alert.jury.id as number
  const jurors = await summoned(pool, juryId, members)
  const juryOf = async (who: { auth: Record<string, string> }) =>
    (await app.inject({ url: `/api/juries/${juryId}`, headers: who.auth })).json().jury

  t.match((await juryOf(jurors[0]!)).post, { body: words.reply, hiddenBy: null }, 'jurors read the post to judge it')
  await vote(app, jurors[0]!, juryId, 'hide', 'An attack.')
  t.equal((await vote(app, jurors[1]!, juryId, 'hide')).json().jury.status, 'hidden')

  for (const [who, member] of [
    ['a juror', jurors[0]!],
    ['the alerter', alerter],
  ] as const) {
    const jury = await juryOf(member)
    t.match(jury, { status: 'hidden', post: { body: '', hiddenBy: 'jury', heading: words.title } }, `${who}: a stub`)
    t.notOk(JSON.stringify(jury).includes(words.reply), `${who}: the text is nowhere in the answer`)
  }
  t.match((await juryOf(rude)).post, { body: words.reply, hiddenBy: 'jury' }, 'the poster still reads it')
  t.match((await juryOf(moderator)).post, { body: words.reply, hiddenBy: 'jury' }, 'so do moderators')

  const cookie = await browserSession(app, jurors[0]!.user.username, jurors[0]!.password)
  const page = await app.inject({ url: `/juries/${juryId}`, headers: { cookie } })
  t.equal(page.statusCode, 200)
  t.match(page.body, 'Hidden by a jury. Only its poster and this forum')
  t.notMatch(page.body, 'a fool, and a liar', 'the juror’s page does not show the text')
  const posterCookie = await browserSession(app, rude.user.username, rude.password)
  const posterPage = await app.inject({ url: `/juries/${juryId}`, headers: { cookie: posterCookie } })
  t.match(posterPage.body, 'a fool, and a liar', 'the poster’s page does')
})

t.test('a thread hidden by its jury: jurors see neither its headline nor its words', async (t) => {
  const built = await buildTestApp(t, { env: { JURY_SIZE: '3' } })
  const { app, pool } = built
  const { alerter, poster, members, threadId } = await scene(built, 3, { title: 'Secret headline', reply: 'Hm.' })
  await pool.query(`UPDATE threads SET comment = 'My own hateful words' WHERE id = $1`, [threadId])
  const juryId = (await alert(app, alerter, { threadId, reason: 'spam' })).json().alert.jury.id as number
  const jurors = await summoned(pool, juryId, members)
  await vote(app, jurors[0]!, juryId, 'hide')
  await vote(app, jurors[1]!, juryId, 'hide')
  const seen = (await app.inject({ url: `/api/juries/${juryId}`, headers: jurors[2]!.auth })).json().jury
  t.match(seen.post, { kind: 'thread', heading: 'Hidden thread', body: '', hiddenBy: 'jury' })
  t.notOk(JSON.stringify(seen).includes('Secret headline'))
  const own = (await app.inject({ url: `/api/juries/${juryId}`, headers: poster.auth })).json().jury
  t.match(own.post, { heading: 'Secret headline', body: 'My own hateful words' })
})
