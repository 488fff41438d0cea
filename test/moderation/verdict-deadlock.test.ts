import { setTimeout as sleep } from 'node:timers/promises'
import t from 'tap'
import type pg from 'pg'
import { buildTestApp } from '../helpers/build-app.js'
import { capturedLog } from '../helpers/log-lines.js'
import { ageAccount, alert, count, jurorsOf, quickMember, replyBy, scene, vote } from '../helpers/juries.js'

/** Waits until `n` queries of this database wait for a row lock. */
async function untilWaitingForLocks(pool: pg.Pool, n: number) {
  for (let tries = 0; tries < 200; tries++) {
    const waiting = await count(
      pool,
      "pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
    )
    if (waiting >= n) return
    await sleep(25)
  }
  throw new Error(`${n} queries never waited for a lock`)
}

t.test('two verdicts at once whose suspensions each reach a juror of the other jury both go through', async (t) => {
  const { log, lines } = capturedLog('warn')
  const built = await buildTestApp(t, { env: { JURY_SIZE: '1', HIDES_BEFORE_SUSPENSION: '1' }, log })
  const { app, pool } = built
  // `rude` and `brash` each lose a reply to a jury, and each sits on the other's jury.
  const { alerter, rude, replyId: rudeReply, threadId } = await scene(built, 0)
  const brash = await quickMember(pool)
  await ageAccount(pool, brash, 60)
  const brashReply = await replyBy(app, brash, threadId, 'And you are worse.')
  const juryOnRude = (await alert(app, alerter, { replyId: rudeReply, reason: 'personal_attack' })).json().alert.jury
    .id as number
  const juryOnBrash = (await alert(app, alerter, { replyId: brashReply, reason: 'personal_attack' })).json().alert.jury
    .id as number
  const [voterOnRude, voterOnBrash] = [await quickMember(pool), await quickMember(pool)]
  await pool.query('DELETE FROM jurors WHERE jury_id = ANY($1)', [[juryOnRude, juryOnBrash]])
  await pool.query('INSERT INTO jurors (jury_id, member_id) VALUES ($1, $2), ($1, $3), ($4, $5), ($4, $6)', [
    juryOnRude,
    voterOnRude.user.id,
    brash.user.id,
    juryOnBrash,
    voterOnBrash.user.id,
    rude.user.id,
  ])

  // Both verdicts are held, each with its own jury and post locked, just before they suspend
  // their poster; let go together, each reaches for the other's jury: a deadlock every time.
  const holder = await pool.connect()
  t.teardown(() => holder.release())
  await holder.query('BEGIN')
  await holder.query('SELECT 1 FROM users WHERE id = ANY($1) FOR UPDATE', [[rude.user.id, brash.user.id]])
  const verdicts = Promise.all([
    vote(app, voterOnRude, juryOnRude, 'hide', 'An insult.'),
    vote(app, voterOnBrash, juryOnBrash, 'hide', 'Another.'),
  ])
  await untilWaitingForLocks(pool, 2)
  await holder.query('COMMIT')
  const [onRude, onBrash] = await verdicts

  t.same([onRude.statusCode, onBrash.statusCode], [200, 200], 'neither request fails')
  t.match(
    lines.filter((line) => /deadlock/.test(line.msg)),
    [{ level: 40, msg: /ended to break a deadlock; running it again/ }],
    'the retry is logged once, as a warning',
  )
  t.same([onRude.json().jury.status, onBrash.json().jury.status], ['hidden', 'hidden'])
  t.equal(
    await count(pool, 'users WHERE id = ANY($1) AND suspended_until > now()', [[rude.user.id, brash.user.id]]),
    2,
    'both posters are suspended',
  )
  t.equal(await count(pool, "moderation_log WHERE action = 'suspend'"), 2, 'each suspension is logged once')
  t.equal(await count(pool, "moderation_log WHERE action = 'hide_reply'"), 2, 'each hide is logged once')
  // The verdict that went first dismissed its poster from the other jury, still open then; the
  // other found the first jury decided and had no seat to free.
  const dismissed = [
    ...(await jurorsOf(pool, juryOnRude, 'dismissed')),
    ...(await jurorsOf(pool, juryOnBrash, 'dismissed')),
  ]
  t.equal(dismissed.length, 1, 'one seat was freed')
})
