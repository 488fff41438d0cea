import { createHash } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { pageCacheLookups } from '../metrics/metrics.js'
import { PageStore } from '../render/page-store.js'
import { deflatePiece, gzipPieces, type Piece } from '../render/gzip-parts.js'
import { owned, packed } from '../render/kept-bytes.js'
import { cutAtMarkers, fillSlots, readerOf, slotMarker, type PageSlots, type Reader } from '../views/member-slots.js'
import type { EarlyAnswer, FrontDoor } from '../front-door.js'
import { SESSION_COOKIE, type SignedIn } from './auth.js'
import { policyWithStyles, siteHeaders, styleSourcesOf } from './security-headers.js'
import { asciiHtml, asciiJson } from '../render/ascii-output.js'

/**
 * A page every reader sees alike but for their own parts (views/member-slots.ts). Once sent, the
 * same address may be answered again from the same rendering at the front door, without the route:
 * for a member, while their `SignedIn.version` stays as it was. So what a route does for a member
 * besides sending the page (a read mark, a look-up) must either change that version or need doing
 * only once per rendering.
 */
export interface SharedPage {
  /** The page's canonical address, query included: its key, and where "log in" comes back to. */
  path: string
  /** The thread the page shows; a list page has none and goes stale with any change. */
  thread?: number
  template: string
  /** Reads what the page shows; its errors (404…) reach the error handler as usual. */
  load: () => Promise<Record<string, unknown>>
  /** The caller awaited pageChangesArrived() just before (to read its own kept state): not asked again. */
  changesArrived?: boolean
}

/** A text (a feed) every reader gets alike, with when it last changed (Last-Modified). */
export interface SharedText {
  key: string
  thread?: number
  type: string
  load: () => Promise<{ text: string; updated: Date }>
}

/** A JSON document every caller gets alike, serialized by the route's response schema. */
export interface SharedDocument {
  key: string
  thread?: number
  load: () => Promise<unknown>
}

declare module 'fastify' {
  interface FastifyInstance {
    sendSharedPage(request: FastifyRequest, reply: FastifyReply, page: SharedPage): Promise<FastifyReply>
    sendSharedDocument(request: FastifyRequest, reply: FastifyReply, doc: SharedDocument): Promise<FastifyReply>
    sendSharedText(request: FastifyRequest, reply: FastifyReply, doc: SharedText): Promise<FastifyReply>
    /** Whether this process may have heard of a change to the thread at or after `ms` (ms since 1970). */
    threadChangedSince(thread: number, ms: number): boolean
  }
}

interface Rendered {
  /** Tells this rendering from any other of the same key, and outlives it (the front door's addresses name it). */
  serial: number
  /** The parts the page leaves to each reader, one between each two of its texts. Undefined for JSON. */
  slots: PageSlots | undefined
  /** The page's own texts as bytes, each deflated once. */
  texts: Piece[]
  /** What an anonymous reader gets, as sent, and gzipped once for those who accept it. */
  body: Buffer
  gzipped: Buffer
  etag: string
  /** Each encoding is its own representation, with its own ETag. */
  gzippedEtag: string
  type: string
  /** The Content-Security-Policy for its inline styles, if it has any (anonymous readers' page has none). */
  policy: string | undefined
  /** When what it shows last changed, to the second, where that is known (feeds). */
  lastModified?: Date
  /** Its Last-Modified header, written once. */
  lastModifiedText?: string
  /** What an anonymous reader is sent, by encoding, worked out on first use. */
  answers: { plain?: SharedAnswer; gzipped?: SharedAnswer }
  /**
   * Members' pages as last filled in, while the member stays as this process keeps them: a member
   * reading the page again costs no template work.
   */
  members: WeakMap<SignedIn, MemberPage>
}

/**
 * A page's answer in one encoding, worked out once: its headers but Content-Encoding (which a 304
 * does not carry), and, for the front door, the whole head as it writes it, by status and whether
 * the request came over TLS.
 */
interface Answer {
  headers: Record<string, string>
  gzipped: boolean
  heads: Map<string, string[]>
}

/** An anonymous reader's answer: the same bytes and ETag for everyone. */
interface SharedAnswer extends Answer {
  etag: string
  body: Buffer
}

/** A reader's page: the kept texts with their own parts between them, and its policy (their styles). */
interface PersonalPage {
  pieces: Piece[]
  policy: string | undefined
}

/**
 * A member's page as kept for them. The bytes as sent, plain or gzipped, are put together on the
 * first answer that needs them and kept while the latest member pages fit in their share of
 * memory (`WholePages`); past that, each answer puts them together again.
 */
interface MemberPage extends PersonalPage {
  version: number
  plain?: Buffer
  gzipped?: Buffer
  /** Its answer's headers, by encoding, worked out on first use. */
  answers: { plain?: Answer; gzipped?: Answer }
}

/**
 * The member pages whose whole bytes are kept, oldest first, within `maxBytes`: the kept pieces
 * are shared with the page, but a whole copy is the page's size again for each member.
 */
class WholePages {
  private readonly pages = new Set<MemberPage>()
  private bytes = 0
  constructor(private readonly maxBytes: number) {}

  plain(page: MemberPage): Buffer {
    if (page.plain) return page.plain
    const plain = Buffer.concat(page.pieces.map((p) => p.plain))
    this.keep(page, (page.plain = plain))
    return plain
  }

  gzipped(page: MemberPage): Buffer {
    if (page.gzipped) return page.gzipped
    const gzipped = gzipPieces(page.pieces)
    this.keep(page, (page.gzipped = gzipped))
    return gzipped
  }

  private keep(page: MemberPage, bytes: Buffer) {
    this.pages.delete(page)
    this.pages.add(page)
    this.bytes += bytes.length
    for (const oldest of this.pages) {
      if (this.bytes <= this.maxBytes) break
      this.bytes -= (oldest.plain?.length ?? 0) + (oldest.gzipped?.length ?? 0)
      delete oldest.plain
      delete oldest.gzipped
      this.pages.delete(oldest)
    }
  }
}

/**
 * Pages longer than this are rendered again, so what is not announced (post counts) is never
 * staler than that; a busy page costs one render per process per interval.
 */
const MAX_AGE_MS = 10_000

/** The share of the page cache's memory that members' whole pages may take besides. */
const MEMBER_PAGES_SHARE = 0.25

/** Threads whose last change time is kept; past this, all are forgotten (and count as changed). */
const REMEMBERED_CHANGES = 50_000

const cacheHits = pageCacheLookups.labels('hit')
const cacheMisses = pageCacheLookups.labels('miss')

let renderings = 0

const etagOf = (body: Buffer) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`

/** A rendered page or document as kept: with what each answer sends worked out once. */
function kept(
  content: Pick<Rendered, 'slots' | 'texts' | 'body' | 'gzipped' | 'policy'>,
  type: string,
  lastModified?: Date,
): Rendered {
  const etag = etagOf(content.body)
  return {
    ...content,
    serial: ++renderings,
    etag,
    gzippedEtag: `${etag.slice(0, -1)}-gz"`,
    type,
    ...(lastModified ? { lastModified, lastModifiedText: lastModified.toUTCString() } : {}),
    answers: {},
    members: new WeakMap(),
  }
}

/** A document with no reader's parts (JSON, a feed), compressed once. */
const plainDocument = (body: Buffer) => ({
  slots: undefined,
  policy: undefined,
  texts: [],
  body: owned(body),
  gzipped: owned(gzipPieces([{ plain: body, deflated: deflatePiece(body) }])),
})

/** A reader's page: the kept texts with their own parts between them. */
function personalPage(rendered: Pick<Rendered, 'slots' | 'texts'>, reader: Reader): PersonalPage {
  const parts = fillSlots(rendered.slots!, reader)
  // A member's page is kept as long as the page: their parts share one allocation.
  const bytes = packed(parts.map((part) => Buffer.from(part)))
  const pieces: Piece[] = [rendered.texts[0]!]
  bytes.forEach((plain, i) => {
    if (plain.length) pieces.push({ plain })
    pieces.push(rendered.texts[i + 1]!)
  })
  return { pieces, policy: policyWithStyles(parts.flatMap(styleSourcesOf)) }
}

/** Whether Accept-Encoding takes gzip (or anything) with a weight above 0. */
function parseAcceptsGzip(header: string): boolean {
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';')
    if (coding !== 'gzip' && coding !== '*') return false
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    return weight === undefined || Number(weight.slice(2)) > 0
  })
}

/** Browsers send one of a few Accept-Encoding values, each parsed once; past this many, the answers are forgotten. */
const ENCODINGS_KEPT = 64
const acceptsGzipOf = new Map<string, boolean>()

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false
  let accepts = acceptsGzipOf.get(header)
  if (accepts === undefined) {
    accepts = parseAcceptsGzip(header)
    if (acceptsGzipOf.size >= ENCODINGS_KEPT) acceptsGzipOf.clear()
    acceptsGzipOf.set(header, accepts)
  }
  return accepts
}

/** If-Modified-Since answered only without If-None-Match, which takes precedence (RFC 9110 13.1.3). */
function notModifiedSince(headers: IncomingHttpHeaders, lastModified: Date | undefined): boolean {
  const since = headers['if-modified-since']
  if (!lastModified || since === undefined || headers['if-none-match'] !== undefined) return false
  const at = Date.parse(since)
  return !Number.isNaN(at) && lastModified.getTime() <= at
}

const matches = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch !== undefined && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)

/** Whether the reader already has this answer (a 304). */
const notModified = (headers: IncomingHttpHeaders, answer: SharedAnswer, rendered: Rendered) =>
  matches(headers['if-none-match'], answer.etag) || notModifiedSince(headers, rendered.lastModified)

/** What an anonymous reader is sent, in their encoding. */
function sharedAnswerOf(rendered: Rendered, gzipped: boolean): SharedAnswer {
  const kept = gzipped ? rendered.answers.gzipped : rendered.answers.plain
  if (kept) return kept
  const etag = gzipped ? rendered.gzippedEtag : rendered.etag
  const headers: Record<string, string> = {
    vary: VARY,
    'content-type': rendered.type,
    'cache-control': 'public, no-cache',
    etag,
  }
  if (rendered.policy) headers['content-security-policy'] = rendered.policy
  if (rendered.lastModifiedText) headers['last-modified'] = rendered.lastModifiedText
  const answer = { headers, gzipped, heads: new Map(), etag, body: gzipped ? rendered.gzipped : rendered.body }
  if (gzipped) rendered.answers.gzipped = answer
  else rendered.answers.plain = answer
  return answer
}

/** What a member is sent, in their encoding: marked theirs alone, with the policy for their own styles. */
function memberAnswerOf(rendered: Rendered, page: MemberPage, gzipped: boolean): Answer {
  const kept = gzipped ? page.answers.gzipped : page.answers.plain
  if (kept) return kept
  const headers: Record<string, string> = {
    vary: VARY,
    'content-type': rendered.type,
    'cache-control': 'private, no-cache',
  }
  if (page.policy) headers['content-security-policy'] = page.policy
  const answer = { headers, gzipped, heads: new Map() }
  if (gzipped) page.answers.gzipped = answer
  else page.answers.plain = answer
  return answer
}

/**
 * The whole head of an answer as the front door writes it: what Fastify would send, its hooks'
 * headers included. `length` is the body's (an answer's body is always the same size).
 */
function headOf(answer: Answer, status: 200 | 304, overTls: boolean, length: number): string[] {
  const which = `${status}${overTls ? ' tls' : ''}`
  let head = answer.heads.get(which)
  if (!head) {
    const body: Record<string, string> = {}
    if (status === 200 && answer.gzipped) body['content-encoding'] = 'gzip'
    if (status === 200) body['content-length'] = String(length)
    head = Object.entries({ ...siteHeaders(overTls), ...answer.headers, ...body }).flat()
    answer.heads.set(which, head)
  }
  return head
}

const VARY = 'Accept-Encoding, Cookie, Authorization'

/** Whether a request may carry a session cookie (a cookie named so somewhere in its header). */
const mayHaveSession = (headers: IncomingHttpHeaders) => headers.cookie?.includes(`${SESSION_COOKIE}=`) === true

/** Addresses the front door remembers; past this many, all are forgotten and learnt again. */
const DOOR_ADDRESSES = 100_000

/**
 * The rendered-page cache: each web process renders a page once per change of what it shows and
 * serves that to every reader. Anonymous readers get it as it is, with an ETag (a 304 when they
 * have it) and "no-cache", so browsers and proxies ask again each time and never show it stale;
 * members get it with their own small parts filled in, marked private. Changes come from any process
 * through Postgres (plugins/thread-events.ts), and a kept page is served only once every change
 * committed before the request has arrived: what was stored shows on the next request, anywhere.
 */
export default fp<{ maxBytes: number; door?: FrontDoor }>(
  async (app, opts) => {
    const store = new PageStore<Rendered>(opts.maxBytes, MAX_AGE_MS)
    const wholePages = new WholePages(opts.maxBytes * MEMBER_PAGES_SHARE)
    app.onPageChange((thread) => store.changed(thread))
    // When each thread's last change was heard here; before the first, or after a loss, anything may have changed.
    const heardAt = new Map<number, number>()
    let everythingAt = Date.now()
    app.onPageChange((thread) => {
      if (thread !== null && heardAt.size < REMEMBERED_CHANGES) heardAt.set(thread, Date.now())
      else {
        heardAt.clear()
        everythingAt = Date.now()
      }
    })
    app.decorate(
      'threadChangedSince',
      (thread: number, ms: number) => Math.max(everythingAt, heardAt.get(thread) ?? 0) >= ms,
    )
    const rendering = new Map<string, { stamp: number; done: Promise<Rendered> }>()

    async function cached(key: string, thread: number | undefined, render: () => Promise<Rendered>, arrived = false) {
      // What another process (or this one) stored before this request must show: the changes
      // committed until now are let in first.
      if (!arrived) await app.pageChangesArrived()
      const hit = store.get(key)
      if (hit) {
        cacheHits.inc()
        return hit.value
      }
      cacheMisses.inc()
      // Readers arriving while the page renders wait for that render rather than start their own,
      // unless a change has come since it read its data.
      const stamp = store.stamp()
      const pending = rendering.get(key)
      if (pending?.stamp === stamp) return pending.done
      const done = render().then((value) => {
        store.set(key, {
          stamp,
          thread,
          value,
          bytes:
            value.body.length +
            value.gzipped.length +
            value.texts.reduce((n, t) => n + t.plain.length + (t.deflated?.length ?? 0), 0),
        })
        return value
      })
      rendering.set(key, { stamp, done })
      const forget = () => {
        if (rendering.get(key)?.done === done) rendering.delete(key)
      }
      done.then(forget, forget)
      return done
    }

    /** The member's page: kept while they and the page stay as they are. */
    function memberPage(request: FastifyRequest, rendered: Rendered, signedIn: SignedIn): MemberPage {
      let page = rendered.members.get(signedIn)
      if (page?.version !== signedIn.version) {
        page = { version: signedIn.version, ...personalPage(rendered, readerOf(request)), answers: {} }
        rendered.members.set(signedIn, page)
      }
      return page
    }

    /**
     * Where the front door may answer: each address an anonymous reader was last answered at from
     * a kept page, and each a member was (by address and session cookie), with the page's key, which
     * rendering it was and the route. The door answers such a request again while that very
     * rendering is kept (and, for a member, while they stay as they were then); a new one (a change,
     * its age) goes through the route once more, which decides afresh what the address shows and
     * who may see it.
     */
    const doorAddresses = new Map<string, { key: string; serial: number; route: string }>()
    const doorAddressOf = (url: string, headers: IncomingHttpHeaders, session: string | undefined) =>
      headers.authorization !== undefined ? undefined : session === undefined ? url : `${url}\n${session}`

    function learn(request: FastifyRequest, reply: FastifyReply, key: string, rendered: Rendered) {
      if (request.method !== 'GET' || reply.statusCode !== 200) return
      const session = mayHaveSession(request.headers) ? request.cookies[SESSION_COOKIE] : undefined
      if (session !== undefined && !request.signedIn) return
      const address = doorAddressOf(request.url, request.headers, session)
      if (address === undefined) return
      if (doorAddresses.size >= DOOR_ADDRESSES && !doorAddresses.has(address)) doorAddresses.clear()
      doorAddresses.set(address, { key, serial: rendered.serial, route: request.routeOptions.url! })
    }

    function send(request: FastifyRequest, reply: FastifyReply, key: string, rendered: Rendered) {
      if (opts.door) learn(request, reply, key, rendered)
      const gzipped = acceptsGzip(request.headers['accept-encoding'])
      const signedIn = rendered.slots && request.signedIn
      if (signedIn) {
        const page = memberPage(request, rendered, signedIn)
        reply.headers(memberAnswerOf(rendered, page, gzipped).headers)
        if (gzipped) return reply.header('Content-Encoding', 'gzip').send(wholePages.gzipped(page))
        return reply.send(wholePages.plain(page))
      }
      const answer = sharedAnswerOf(rendered, gzipped)
      reply.headers(answer.headers)
      if (notModified(request.headers, answer, rendered)) return reply.code(304).send()
      if (gzipped) reply.header('Content-Encoding', 'gzip')
      return reply.send(answer.body)
    }

    /**
     * The front door's answer: the kept page an address was last answered with, to an anonymous
     * reader, or to the member it was answered to (their page as then, kept with it).
     */
    const answerEarly: EarlyAnswer = (req, res) => {
      if (req.method !== 'GET') return false
      const session = mayHaveSession(req.headers) ? app.parseCookie(req.headers.cookie!)[SESSION_COOKIE] : undefined
      const address = doorAddressOf(req.url!, req.headers, session)
      const known = address === undefined ? undefined : doorAddresses.get(address)
      if (!known) return false
      return app.pageChangesArrived().then(() => {
        // Read after the check: a session ended anywhere before this request is forgotten by now.
        const signedIn = session === undefined ? undefined : app.keptSessionMember(session)
        if (session !== undefined && !signedIn) return false
        const rendered = store.get(known.key)?.value
        if (rendered?.serial !== known.serial) return false
        const gzipped = acceptsGzip(req.headers['accept-encoding'])
        const overTls = opts.door!.overTls(req)
        if (signedIn && rendered.slots) {
          const page = rendered.members.get(signedIn)
          if (page?.version !== signedIn.version) return false
          const body = gzipped ? wholePages.gzipped(page) : wholePages.plain(page)
          res.writeHead(200, headOf(memberAnswerOf(rendered, page, gzipped), 200, overTls, body.length)).end(body)
        } else {
          const answer = sharedAnswerOf(rendered, gzipped)
          if (notModified(req.headers, answer, rendered)) res.writeHead(304, headOf(answer, 304, overTls, 0)).end()
          else res.writeHead(200, headOf(answer, 200, overTls, answer.body.length)).end(answer.body)
        }
        cacheHits.inc()
        return known.route
      })
    }
    const { door } = opts
    if (door) {
      app.addHook('onReady', async () => door.open(answerEarly, app.log))
      app.addHook('preClose', async () => door.close())
    }

    app.decorate('sendSharedPage', async (request: FastifyRequest, reply: FastifyReply, page: SharedPage) => {
      const rendered = await cached(
        page.path,
        page.thread,
        async () => {
          const data = await page.load()
          const html = await app.view(page.template, { ...data, member: null, path: page.path, slot: slotMarker })
          const { texts: textParts, slots } = cutAtMarkers(html)
          // The texts are compressed once, for anonymous readers and members alike.
          // Cut first: the markers' data is JSON the parts read, not HTML.
          const plains = packed(textParts.map((text) => Buffer.from(asciiHtml(text))))
          const deflated = packed(plains.map(deflatePiece))
          const texts = plains.map((plain, i) => ({ plain, deflated: deflated[i]! }))
          const { pieces, policy } = personalPage(
            { slots, texts },
            {
              member: null,
              recommended: new Set(),
              ignored: [],
              reads: new Map(),
              unread: 0,
              openAlerts: null,
              watching: new Map(),
              timeZone: app.timeZone,
            },
          )
          return kept(
            {
              slots,
              texts,
              policy,
              body: owned(Buffer.concat(pieces.map((p) => p.plain))),
              gzipped: owned(gzipPieces(pieces)),
            },
            'text/html; charset=utf-8',
          )
        },
        page.changesArrived,
      )
      return send(request, reply, page.path, rendered)
    })

    app.decorate('sendSharedDocument', async (request: FastifyRequest, reply: FastifyReply, doc: SharedDocument) => {
      const key = `json ${doc.key}`
      const rendered = await cached(key, doc.thread, async () => {
        const body = Buffer.from(asciiJson(reply.serialize(await doc.load()) as string))
        return kept(plainDocument(body), 'application/json; charset=utf-8')
      })
      return send(request, reply, key, rendered)
    })

    app.decorate('sendSharedText', async (request: FastifyRequest, reply: FastifyReply, doc: SharedText) => {
      const key = `text ${doc.key}`
      const rendered = await cached(key, doc.thread, async () => {
        const { text, updated } = await doc.load()
        // HTTP dates count whole seconds, and If-Modified-Since is compared with what was sent.
        return kept(plainDocument(Buffer.from(text)), doc.type, new Date(Math.floor(updated.getTime() / 1000) * 1000))
      })
      return send(request, reply, key, rendered)
    })
  },
  { name: 'page-cache', dependencies: ['thread-events', 'view'] },
)
