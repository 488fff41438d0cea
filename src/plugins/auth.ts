import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import type { Queryable } from '../db/pool.js'
import { listIgnored } from '../db/ignores.js'
import { listMemberRecs } from '../db/recs.js'
import { listRecentReads } from '../db/thread-reads.js'
import { countUnread } from '../db/notifications.js'
import { countOpenAlerts } from '../db/moderation-queue.js'
import { isModerator, moderatesSomewhere } from '../services/permissions.js'
import type { SessionMember, SessionUser } from '../db/sessions.js'
import { findMemberByToken } from '../services/members.js'
import { unauthorized } from '../errors.js'
import { assertMayAct } from '../services/suspensions.js'

export const SESSION_COOKIE = 'broadsheet_session'

/** What a member is kept under when they come with a session cookie: the cookie as sent, signature and all. */
const sessionKey = (cookie: string) => `web ${cookie}`

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A GET that changes what the member's session memory holds (opening a notification). */
    changesMember?: boolean
    /**
     * A member's contribution through the API (a post, a reply, a rec, an alert): refused while the
     * member is suspended. Pages check in their handlers instead, to show the form again with what was typed.
     */
    memberActs?: boolean
  }
  interface FastifyRequest {
    member: SessionMember | null
    /** The session (or API token) this request came with: the member's settings mark it "this one". */
    sessionId: number | null
    /** The threads the member has recommended (null for anonymous readers): their pages say so. */
    recommended: ReadonlySet<number> | null
    /** The names the member ignores (null for anonymous readers): their pages hide those members' posts. */
    ignored: readonly string[] | null
    /** When the member last opened the threads they opened lately (ms; null for anonymous readers). */
    reads: ReadonlyMap<number, number> | null
    /** The member's unread notifications (0 for anonymous readers). */
    unread: number
    /** Alerts waiting for their jury in the forums the member moderates (null: they moderate none). */
    openAlerts: number | null
    /** Whether the member watches a thread, for the threads looked up lately (null for anonymous readers). */
    watching: ReadonlyMap<number, boolean> | null
    /** All of the above as this process keeps it, and the way to change it (null for anonymous readers). */
    signedIn: SignedIn | null
  }
  interface FastifyInstance {
    /** onRequest hook for /api: `Authorization: Bearer <token>` identifies the member when present. */
    readBearer: onRequestHookHandler
    /** onRequest hook for pages: the signed session cookie identifies the member when present. */
    readSessionCookie: onRequestHookHandler
    /**
     * The member a session cookie (its value as sent) belongs to, when this process keeps them and
     * has not begun to read them anew: never a look-up (undefined: the cookie's request goes through
     * the route, whose hook looks them up).
     */
    keptSessionMember(cookie: string): SignedIn | undefined
    /**
     * Drops what this process keeps of a member (all their sessions): a moderator's change to them
     * (a suspension, a role) takes effect here at once, elsewhere within the time a member is kept.
     */
    forgetMember(memberId: number): void
  }
}

/** For handlers that need a member: throws 401 otherwise. */
export function requireMember(request: FastifyRequest): SessionMember {
  if (!request.member) throw unauthorized()
  return request.member
}

/**
 * Who a token belongs to (what they have recommended, whom they ignore, which threads they opened lately, their unread
 * notifications) is kept this long per web process:
 * looking it up on every request would cost members a database round trip per page that anonymous
 * readers do not pay. A member's own write (a post, a reply, a rec) drops their entry, so their next
 * page shows it; another process sees it within this time (and the time one look-up takes: an entry
 * past it still serves its member while it is read again, so their pages never wait for it). A
 * session ended anywhere (logged out, revoked, its account deleted) is announced to every process,
 * which drops that member's entries.
 */
const MEMBER_KEPT_MS = 5_000
const MEMBERS_KEPT = 10_000

/** A signed-in member as this process keeps them, read at once and replaced at once. */
export class SignedIn {
  /**
   * Counts the changes this process made to what the member's pages show (a read, a watch looked
   * up): a page kept with their own parts filled in is good for one value.
   */
  version = 0
  private readonly watched = new Map<number, boolean>()
  private readonly watchLookUps = new Map<number, Promise<void>>()

  constructor(
    readonly member: SessionMember,
    readonly sessionId: number,
    readonly recommended: ReadonlySet<number>,
    readonly ignored: readonly string[],
    /** Updated when this process records a read, so the member's next page here knows it. */
    private readonly readAt: Map<number, number>,
    readonly unread: number,
    /** Alerts waiting for their jury in the forums the member moderates (null: they moderate none). */
    readonly openAlerts: number | null,
  ) {}

  get reads(): ReadonlyMap<number, number> {
    return this.readAt
  }

  get watching(): ReadonlyMap<number, boolean> {
    return this.watched
  }

  noteRead(thread: number, at: number): void {
    this.readAt.set(thread, at)
    this.version++
  }

  /**
   * Whether the member watches a thread, looked up when a thread page first asks: a member rereading
   * it costs no query, and the requests that ask meanwhile share one.
   */
  knowWatching(thread: number, look: () => Promise<boolean>): Promise<void> | undefined {
    if (this.watched.has(thread)) return undefined
    let pending = this.watchLookUps.get(thread)
    if (!pending) {
      pending = look()
        .then((watching) => {
          this.watched.set(thread, watching)
          this.version++
        })
        .finally(() => this.watchLookUps.delete(thread))
      this.watchLookUps.set(thread, pending)
    }
    return pending
  }
}

interface Kept {
  signedIn: SignedIn | undefined
  until: number
}

function memberMemory(pool: Queryable) {
  const kept = new Map<string, Kept>()
  /** The look-up under way for a credential, shared by every request that comes meanwhile. */
  const pending = new Map<string, Promise<SignedIn | undefined>>()
  // Counts what was dropped (a member's own write, a session heard to end): a look-up that began
  // before may have read what was true before it, and is not kept.
  let drops = 0
  const lookUp = async (key: string, look: () => Promise<SessionUser | undefined>) => {
    const before = drops
    const found = await look()
    const signedIn =
      found &&
      new SignedIn(
        found.member,
        found.sessionId,
        new Set(await listMemberRecs(pool, found.member.id)),
        await listIgnored(pool, found.member.id),
        await listRecentReads(pool, found.member.id),
        await countUnread(pool, found.member.id),
        moderatesSomewhere(found.member)
          ? await countOpenAlerts(pool, { forums: isModerator(found.member) ? null : found.member.hostedForums })
          : null,
      )
    if (drops !== before) return signedIn
    if (!kept.has(key) && kept.size >= MEMBERS_KEPT) kept.delete(kept.keys().next().value!)
    kept.set(key, { signedIn, until: Date.now() + MEMBER_KEPT_MS })
    return signedIn
  }
  const lookUpOnce = (key: string, look: () => Promise<SessionUser | undefined>) => {
    const under = pending.get(key)
    if (under) return under
    const done: Promise<SignedIn | undefined> = lookUp(key, look).finally(() => {
      if (pending.get(key) === done) pending.delete(key)
    })
    pending.set(key, done)
    return done
  }
  return {
    /**
     * The member behind a credential: as kept, or a look-up to wait for. An entry past its time
     * still serves (for as long again) while it is read anew, so its member's pages never wait.
     */
    find(key: string, look: () => Promise<SessionUser | undefined>): Kept | Promise<SignedIn | undefined> {
      const hit = kept.get(key)
      const now = Date.now()
      if (hit && hit.until > now) return hit
      if (hit && hit.until + MEMBER_KEPT_MS > now) {
        // A failed look-up leaves the entry as it was; a later request tries again.
        lookUpOnce(key, look).catch(() => undefined)
        return hit
      }
      return lookUpOnce(key, look)
    },
    /** The member behind a credential while kept and not yet due to be read again; never a look-up. */
    current(key: string): SignedIn | undefined {
      const hit = kept.get(key)
      return hit && hit.until > Date.now() ? hit.signedIn : undefined
    },
    // A look-up under way may have read what was true before: later requests do not join it.
    forget(key: string) {
      drops++
      kept.delete(key)
      pending.delete(key)
    },
    /** Every entry of this member (null: of everyone), whichever of their sessions it came with. */
    forgetMember(memberId: number | null) {
      drops++
      pending.clear()
      if (memberId === null) return kept.clear()
      for (const [key, entry] of kept) if (entry.signedIn?.member.id === memberId) kept.delete(key)
    },
  }
}

export default fp(
  async (app) => {
    app.decorateRequest('member', null)
    app.decorateRequest('sessionId', null)
    app.decorateRequest('recommended', null)
    app.decorateRequest('ignored', null)
    app.decorateRequest('reads', null)
    app.decorateRequest('unread', 0)
    app.decorateRequest('openAlerts', null)
    app.decorateRequest('watching', null)
    app.decorateRequest('signedIn', null)
    const members = memberMemory(app.pool)
    app.onSessionEnd((memberId) => members.forgetMember(memberId))
    const tokenKeys = new WeakMap<FastifyRequest, string>()
    const admit = (request: FastifyRequest, signedIn: SignedIn | undefined) => {
      if (!signedIn) return false
      request.signedIn = signedIn
      request.member = signedIn.member
      request.sessionId = signedIn.sessionId
      request.recommended = signedIn.recommended
      request.ignored = signedIn.ignored
      request.reads = signedIn.reads
      request.unread = signedIn.unread
      request.openAlerts = signedIn.openAlerts
      request.watching = signedIn.watching
      return true
    }
    /**
     * The member behind a credential as sent (a bearer token, a signed cookie), kept a while: at
     * once when kept (no promise to wait for), else once looked up.
     */
    const signIn = (
      request: FastifyRequest,
      key: string,
      look: () => Promise<SessionUser | undefined>,
    ): boolean | Promise<boolean> => {
      tokenKeys.set(request, key)
      const found = members.find(key, look)
      if (found instanceof Promise) return found.then((signedIn) => admit(request, signedIn))
      return admit(request, found.signedIn)
    }
    app.decorate('forgetMember', (memberId: number) => members.forgetMember(memberId))
    app.decorate('keptSessionMember', (cookie: string) => members.current(sessionKey(cookie)))
    // After the route's hooks have read the member, before the handler: one place refuses a suspended member's writes.
    // Callback hooks here and below: an async one costs every request (anonymous readers' too) a promise.
    app.addHook('preHandler', (request, _reply, done) => {
      if (request.member && request.routeOptions.config?.memberActs === true) {
        try {
          assertMayAct(request.member)
        } catch (err) {
          return done(err as Error)
        }
      }
      done()
    })
    // Before the answer leaves: the member's next request may come the moment it arrives.
    app.addHook('onSend', (request, _reply, payload, done) => {
      const key = tokenKeys.get(request)
      const changes = request.routeOptions.config?.changesMember === true
      if (key && (changes || (request.method !== 'GET' && request.method !== 'HEAD'))) members.forget(key)
      done(null, payload)
    })

    const refuseToken = () => unauthorized('The token is missing, expired or not valid; log in again for a new one.')
    app.decorate('readBearer', (request: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      const header = request.headers.authorization
      if (header === undefined) return done()
      const token = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1]
      if (!token) return done(refuseToken())
      const known = signIn(request, `api ${token}`, () => findMemberByToken(app.pool, token, 'api'))
      const finish = (ok: boolean) => done(ok ? undefined : refuseToken())
      if (typeof known === 'boolean') return finish(known)
      known.then(finish, done)
    })

    app.decorate('readSessionCookie', (request: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
      const raw = request.cookies[SESSION_COOKIE]
      if (!raw) return done()
      // Kept by the cookie as sent, signature and all: a kept member spares the signature check too.
      const known = signIn(request, sessionKey(raw), async () => {
        const unsigned = request.unsignCookie(raw)
        return unsigned.valid && unsigned.value ? findMemberByToken(app.pool, unsigned.value, 'web') : undefined
      })
      const finish = (ok: boolean) => {
        if (!ok) reply.clearCookie(SESSION_COOKIE, { path: '/' })
        done()
      }
      if (typeof known === 'boolean') return finish(known)
      known.then(finish, done)
    })
  },
  { name: 'auth', dependencies: ['db', 'thread-events'] },
)
