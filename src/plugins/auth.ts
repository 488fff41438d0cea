import fp from 'fastify-plugin'
import type { FastifyReply, FastifyRequest } from 'fastify'
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
    reads: Map<number, number> | null
    /** The member's unread notifications (0 for anonymous readers). */
    unread: number
    /** Alerts waiting for their jury in the forums the member moderates (null: they moderate none). */
    openAlerts: number | null
    /** Whether the member watches a thread, for the threads looked up lately (null for anonymous readers). */
    watching: Map<number, boolean> | null
  }
  interface FastifyInstance {
    /** onRequest hook for /api: `Authorization: Bearer <token>` identifies the member when present. */
    readBearer(request: FastifyRequest): Promise<void>
    /** onRequest hook for pages: the signed session cookie identifies the member when present. */
    readSessionCookie(request: FastifyRequest, reply: FastifyReply): Promise<void>
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
 * page shows it; another process sees it within this time. A session ended anywhere (logged out,
 * revoked, its account deleted) is announced to every process, which drops that member's entries.
 */
const MEMBER_KEPT_MS = 5_000
const MEMBERS_KEPT = 10_000

interface SignedIn {
  member: SessionMember
  sessionId: number
  recommended: ReadonlySet<number>
  ignored: readonly string[]
  /** Updated in place when this process records a read, so the member's next page here knows it. */
  reads: Map<number, number>
  unread: number
  openAlerts: number | null
  /** Filled as thread pages ask, so a member rereading a thread costs no query. */
  watching: Map<number, boolean>
}

function memberMemory(pool: Queryable) {
  const kept = new Map<string, { signedIn: SignedIn | undefined; until: number }>()
  // Counts the sessions heard to end: a look-up that began before one is not kept, as it may have read it.
  let endings = 0
  return {
    async find(key: string, look: () => Promise<SessionUser | undefined>): Promise<SignedIn | undefined> {
      const hit = kept.get(key)
      if (hit && hit.until > Date.now()) return hit.signedIn
      const before = endings
      const found = await look()
      const signedIn = found && {
        member: found.member,
        sessionId: found.sessionId,
        recommended: new Set(await listMemberRecs(pool, found.member.id)),
        ignored: await listIgnored(pool, found.member.id),
        reads: await listRecentReads(pool, found.member.id),
        unread: await countUnread(pool, found.member.id),
        openAlerts: moderatesSomewhere(found.member)
          ? await countOpenAlerts(pool, { forums: isModerator(found.member) ? null : found.member.hostedForums })
          : null,
        watching: new Map<number, boolean>(),
      }
      if (endings !== before) return signedIn
      if (kept.size >= MEMBERS_KEPT) kept.delete(kept.keys().next().value!)
      kept.set(key, { signedIn, until: Date.now() + MEMBER_KEPT_MS })
      return signedIn
    },
    forget: (key: string) => kept.delete(key),
    /** Every entry of this member (null: of everyone), whichever of their sessions it came with. */
    forgetMember(memberId: number | null) {
      endings++
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
    const members = memberMemory(app.pool)
    app.onSessionEnd((memberId) => members.forgetMember(memberId))
    const tokenKeys = new WeakMap<FastifyRequest, string>()
    /** The member behind a credential as sent (a bearer token, a signed cookie), kept a while. */
    const signIn = async (request: FastifyRequest, key: string, look: () => Promise<SessionUser | undefined>) => {
      tokenKeys.set(request, key)
      const signedIn = await members.find(key, look)
      if (!signedIn) return false
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
    app.decorate('forgetMember', (memberId: number) => members.forgetMember(memberId))
    // After the route's hooks have read the member, before the handler: one place refuses a suspended member's writes.
    app.addHook('preHandler', async (request) => {
      if (request.member && request.routeOptions.config?.memberActs === true) assertMayAct(request.member)
    })
    // Before the answer leaves: the member's next request may come the moment it arrives.
    app.addHook('onSend', async (request, _reply, payload) => {
      const key = tokenKeys.get(request)
      const changes = request.routeOptions.config?.changesMember === true
      if (key && (changes || (request.method !== 'GET' && request.method !== 'HEAD'))) members.forget(key)
      return payload
    })

    app.decorate('readBearer', async (request: FastifyRequest) => {
      const header = request.headers.authorization
      if (header === undefined) return
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
      const token = match?.[1]
      const known = token && (await signIn(request, `api ${token}`, () => findMemberByToken(app.pool, token, 'api')))
      if (!known) throw unauthorized('The token is missing, expired or not valid; log in again for a new one.')
    })

    app.decorate('readSessionCookie', async (request: FastifyRequest, reply: FastifyReply) => {
      const raw = request.cookies[SESSION_COOKIE]
      if (!raw) return
      // Kept by the cookie as sent, signature and all: a kept member spares the signature check too.
      const known = await signIn(request, `web ${raw}`, async () => {
        const unsigned = request.unsignCookie(raw)
        return unsigned.valid && unsigned.value ? findMemberByToken(app.pool, unsigned.value, 'web') : undefined
      })
      if (!known) reply.clearCookie(SESSION_COOKIE, { path: '/' })
    })
  },
  { name: 'auth', dependencies: ['db', 'thread-events'] },
)
