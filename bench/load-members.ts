import { randomBytes } from 'node:crypto'
import { SESSION_COOKIE } from '../src/plugins/auth.js'
import type { NewsSites } from './load-site.js'
import { buildTextPools } from './seed-text.js'
import { pickWeighted, send, type Site } from './load-traffic.js'

export interface Member {
  id: number
  username: string
  /** For the API: posting and replying. */
  token: string
  /** For the pages, read as this member. */
  cookie: string
}

/** Waits out a 429 as a person would, for as long as its Retry-After says. */
async function untilAllowed(attempt: () => Promise<Response>, what: string): Promise<Response> {
  for (;;) {
    const res = await attempt()
    if (res.status !== 429) return res
    const seconds = Number(res.headers.get('retry-after') ?? 60)
    console.error(`${what}: the log-in limit answered 429; trying again in ${seconds} s`)
    await new Promise((resolve) => setTimeout(resolve, (seconds + 1) * 1000))
  }
}

/**
 * Registers a member through the API (for its token) and logs it in through
 * the form (for a session cookie). Both count against the per-address limit on
 * log-ins and registrations, which is waited out, not lifted.
 */
export async function registerMember(origin: string): Promise<Member> {
  const username = `load_${randomBytes(5).toString('hex')}`
  const password = randomBytes(12).toString('hex')
  const registered = await untilAllowed(
    () =>
      fetch(`${origin}/api/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      }),
    `Registering ${username}`,
  )
  if (registered.status !== 201) throw new Error(`Registering ${username} answered ${registered.status}`)
  const { user, token } = (await registered.json()) as { user: { id: number }; token: string }
  const loggedIn = await untilAllowed(
    () =>
      fetch(`${origin}/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }).toString(),
        redirect: 'manual',
      }),
    `Logging ${username} in`,
  )
  const cookie = loggedIn.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))
  if (loggedIn.status !== 303 || !cookie) throw new Error(`Logging ${username} in answered ${loggedIn.status}`)
  return { id: user.id, username, token, cookie: cookie.split(';')[0]! }
}

const replies = buildTextPools(7).replies
const pickReply = () => replies[Math.floor(Math.random() * replies.length)]!

/** What members write: the posts they made and how each answer went. */
export class Writing {
  /** Article number: each post links a page no one posted before. */
  private articles = 0
  /** Requests sent and not yet answered. */
  private readonly inFlight = new Set<Promise<void>>()
  postsSent = 0
  /** Posts answered 202: a new thread, its digest queued. */
  accepted = 0
  /** Posts answered 200: the link was already posted (never expected here, as every link is new). */
  duplicates = 0
  repliesSent = 0
  repliesAccepted = 0
  recsSent = 0
  /** Recs that counted (a member's first rec of that thread); a second one is answered but changes nothing. */
  recsCounted = 0
  /** Threads a member recommended, to check against the recs Postgres kept. */
  readonly recommended = new Set<string>()

  constructor(
    private readonly site: Site,
    private readonly members: Member[],
    private readonly sites: NewsSites,
    /** Tells this run's links from an earlier run's, which stay in the database. */
    private readonly runId: string,
  ) {}

  private track(work: Promise<void>): void {
    this.inFlight.add(work)
    void work.finally(() => this.inFlight.delete(work))
  }

  /** A member posts a new article from one of the sites (busier sites more often, by Zipf's law). */
  private postLink(): void {
    const member = this.members[Math.floor(Math.random() * this.members.length)]!
    const siteIndex = pickWeighted(this.sites.hosts.map((_, rank) => 1 / (rank + 1)))
    const url = this.sites.articleUrl(siteIndex, this.runId, ++this.articles)
    const comment = Math.random() < 0.3 ? pickReply() : undefined
    this.postsSent++
    this.track(
      send(this.site.origin, this.site.rec, {
        kind: 'post a link',
        who: 'member',
        method: 'POST',
        path: '/api/threads',
        headers: { authorization: `Bearer ${member.token}` },
        json: { url, forum: this.site.world.pickForum(), ...(comment ? { comment } : {}) },
        expect: [202, 200],
      }).then((res) => {
        if (res?.status === 202) {
          this.accepted++
          this.site.world.posted.push((JSON.parse(res.text) as { thread: { id: number } }).thread.id)
        } else if (res?.status === 200) this.duplicates++
      }),
    )
  }

  /** A member replies in a thread, one time in five answering an earlier reply there. */
  private reply(): void {
    const member = this.members[Math.floor(Math.random() * this.members.length)]!
    const threadId = this.site.world.pickReplyTarget()
    const earlier = this.site.world.repliesOf.get(threadId)
    const parentId = earlier && Math.random() < 0.2 ? earlier[Math.floor(Math.random() * earlier.length)] : undefined
    this.repliesSent++
    this.track(
      send(this.site.origin, this.site.rec, {
        kind: 'reply',
        who: 'member',
        method: 'POST',
        path: `/api/threads/${threadId}/replies`,
        headers: { authorization: `Bearer ${member.token}` },
        json: { body: pickReply(), ...(parentId ? { parentId } : {}) },
        expect: [201],
      }).then((res) => {
        if (!res) return
        this.repliesAccepted++
        const { id } = (JSON.parse(res.text) as { reply: { id: number } }).reply
        const known = this.site.world.repliesOf.get(threadId) ?? []
        this.site.world.repliesOf.set(threadId, [...known, id])
      }),
    )
  }

  /** A member recommends a thread they might have read; their own is refused (403), as it should be. */
  private recommend(): void {
    const member = this.members[Math.floor(Math.random() * this.members.length)]!
    const threadId = this.site.world.pickThread()
    this.recsSent++
    this.track(
      send(this.site.origin, this.site.rec, {
        kind: 'recommend',
        who: 'member',
        method: 'PUT',
        path: `/api/threads/${threadId}/rec`,
        headers: { authorization: `Bearer ${member.token}` },
        expect: [200, 403],
      }).then((res) => {
        if (res?.status !== 200) return
        if ((JSON.parse(res.text) as { changed: boolean }).changed) this.recsCounted++
        this.recommended.add(`${member.id} ${threadId}`)
      }),
    )
  }

  /**
   * Members post, reply and recommend at these average rates while `running()` is true,
   * at random (Poisson) moments: they do not slow down when the server does.
   * Resolves when the last request sent is answered.
   */
  async run(rates: { posts: number; replies: number; recs: number }, running: () => boolean): Promise<void> {
    await Promise.all([
      arrivals(rates.posts, running, () => this.postLink()),
      arrivals(rates.replies, running, () => this.reply()),
      arrivals(rates.recs, running, () => this.recommend()),
    ])
    while (this.inFlight.size > 0) await Promise.all(this.inFlight)
  }
}

/** Calls `fire` at random (Poisson) moments, `perSecond` on average, until `running()` is false. */
async function arrivals(perSecond: number, running: () => boolean, fire: () => void): Promise<void> {
  if (perSecond <= 0) return
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, (-Math.log(1 - Math.random()) * 1000) / perSecond))
    if (!running()) return
    fire()
  }
}
