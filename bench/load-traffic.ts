import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib'
import { Agent, request } from 'undici'
import { nextLinkOf } from './http-pages.js'

/** Who sends a request: an anonymous reader or a logged-in member. */
export type Who = 'anonymous' | 'member'

export interface KindStats {
  kind: string
  who: Who
  /** Milliseconds, one per answered request whose answer was the expected one. */
  latencies: number[]
  /** Of those, 304 Not Modified: a page the reader had, still current. */
  notModified: number
  /** Answers other than the expected one (429 aside), socket errors and timeouts. */
  errors: number
  /** 429 Too Many Requests: a limit the product sets on purpose, counted apart. */
  tooMany: number
}

/** Latencies and outcomes per kind of request, for requests started while measuring. */
export class Recorder {
  measuring = false
  private readonly kinds = new Map<string, KindStats>()
  /** The first few unexpected answers, to say what went wrong. */
  readonly errorSamples: string[] = []

  record(kind: string, who: Who, ms: number, outcome: 'ok' | 'not_modified' | 'too_many' | { error: string }): void {
    const key = `${kind}\u0000${who}`
    let stats = this.kinds.get(key)
    if (!stats) this.kinds.set(key, (stats = { kind, who, latencies: [], notModified: 0, errors: 0, tooMany: 0 }))
    if (outcome === 'ok' || outcome === 'not_modified') {
      stats.latencies.push(ms)
      if (outcome === 'not_modified') stats.notModified++
    } else if (outcome === 'too_many') stats.tooMany++
    else {
      stats.errors++
      if (this.errorSamples.length < 10) this.errorSamples.push(`${kind} (${who}): ${outcome.error}`)
    }
  }

  rows(): KindStats[] {
    return [...this.kinds.values()]
  }
}

/** The request timeout: a page slower than this counts as an error. */
const TIMEOUT_MS = 30_000

/** What browsers and HTTP clients take, less zstd, which Node 20 cannot read. */
const ACCEPT_ENCODING = 'gzip, deflate, br'

function decode(body: Buffer, encoding: string | string[] | undefined): string {
  if (encoding === undefined || encoding === 'identity') return body.toString('utf8')
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8')
  if (encoding === 'deflate') return inflateSync(body).toString('utf8')
  if (encoding === 'br') return brotliDecompressSync(body).toString('utf8')
  throw new Error(`An answer came in an encoding that was not asked for: ${String(encoding)}`)
}

/** One connection pool for every simulated client; each client waits for its answer before its next request. */
const agent = new Agent({ keepAliveTimeout: 30_000, headersTimeout: TIMEOUT_MS, bodyTimeout: TIMEOUT_MS })

export interface Call {
  kind: string
  who: Who
  method?: 'GET' | 'POST' | 'PUT'
  path: string
  headers?: Record<string, string>
  json?: object
  /** The statuses that mean it worked. */
  expect: number[]
}

/** Sends one request and records it; returns the answer when its status was expected. */
export async function send(
  origin: string,
  rec: Recorder,
  c: Call,
): Promise<{ status: number; text: string; etag: string | undefined } | undefined> {
  const counted = rec.measuring
  const started = performance.now()
  try {
    const res = await request(origin + c.path, {
      dispatcher: agent,
      method: c.method ?? 'GET',
      headers: {
        'accept-encoding': ACCEPT_ENCODING,
        ...c.headers,
        ...(c.json ? { 'content-type': 'application/json' } : {}),
      },
      body: c.json ? JSON.stringify(c.json) : undefined,
    })
    const text = decode(Buffer.from(await res.body.arrayBuffer()), res.headers['content-encoding'])
    const ms = performance.now() - started
    if (c.expect.includes(res.statusCode)) {
      if (counted) rec.record(c.kind, c.who, ms, res.statusCode === 304 ? 'not_modified' : 'ok')
      const etag = res.headers.etag
      return { status: res.statusCode, text, etag: typeof etag === 'string' ? etag : undefined }
    }
    if (counted)
      rec.record(
        c.kind,
        c.who,
        ms,
        res.statusCode === 429
          ? 'too_many'
          : { error: `${c.method ?? 'GET'} ${c.path} → ${res.statusCode} ${text.slice(0, 200)}` },
      )
    return undefined
  } catch (err) {
    if (counted) rec.record(c.kind, c.who, performance.now() - started, { error: `${c.path}: ${String(err)}` })
    return undefined
  }
}

/** Drops the connections at once, with any request still in flight (after an interruption). */
export async function closeAgent(): Promise<void> {
  await agent.destroy()
}

/** Picks an index with probability proportional to its weight. */
export function pickWeighted(weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0)
  let x = Math.random() * total
  for (const [i, w] of weights.entries()) {
    x -= w
    if (x < 0) return i
  }
  return weights.length - 1
}

const pickOne = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!

/** How many thread links readers remember from the listings they read. */
const RECENT_THREADS = 2000

/** What the simulated people know of the forum: its forums, and threads they saw or made. */
export class World {
  /** Threads linked from listing pages lately read, newest last. */
  private readonly recent: number[] = []
  /** Threads the bench's members posted, in order. */
  readonly posted: number[] = []
  /** Replies the members wrote, per thread, for answering one of them. */
  readonly repliesOf = new Map<number, number[]>()
  /** The deepest forum page a reader reached by following rel="next". */
  deepest = 1

  constructor(
    readonly forums: { slug: string; threadCount: number }[],
    /** Existing threads from all over the forum's history, sampled from the database. */
    private readonly old: number[],
    /** The seeded thread with exactly 200 replies: read, never replied to, as bench:http measures it. */
    private readonly bigThread: number,
    /** Thread page addresses known from the database (their headlines' slugs); listings add more. */
    known: [number, string][],
  ) {
    this.addresses = new Map(known)
  }

  private readonly addresses: Map<number, string>

  /**
   * A thread page's address as the app links it; a thread posted here and not yet seen in a listing
   * goes by its bare id (which redirects once it has a headline).
   */
  threadPage(id: number): string {
    return this.addresses.get(id) ?? `/threads/${id}`
  }

  /** A forum, busier ones more often. */
  pickForum(): string {
    return this.forums[pickWeighted(this.forums.map((f) => f.threadCount + 1))]!.slug
  }

  noteListing(html: string): void {
    for (const m of html.matchAll(/href="(\/threads\/(\d+)(?:-[a-z0-9-]+)?)"/g)) {
      this.recent.push(Number(m[2]))
      this.addresses.set(Number(m[2]), m[1]!)
    }
    if (this.recent.length > RECENT_THREADS) this.recent.splice(0, this.recent.length - RECENT_THREADS)
  }

  /** A thread to reply to: any a reader might pick but the seeded 200-reply one. */
  pickReplyTarget(): number {
    const id = this.pickThread()
    return id !== this.bigThread ? id : (this.old.find((other) => other !== this.bigThread) ?? id)
  }

  /** Mostly a thread on a listing just read; now and then an old one, or one the members just posted. */
  pickThread(): number {
    const r = Math.random()
    if (r < 0.15 && this.posted.length > 0) return pickOne(this.posted.slice(-200))
    if (r < 0.4 || this.recent.length === 0) return pickOne(this.old)
    return pickOne(this.recent)
  }
}

export interface Site {
  origin: string
  rec: Recorder
  world: World
}

/**
 * One reader, reading page after page with no pause: Latest Discussions (by
 * newest posts or by activity), Greatest Threads, a forum's first page and, half the time, the page after it by its own
 * rel="next" link (and so on), threads they saw listed, and a thread's JSON as
 * an API client would ask for it. Like a browser, it asks again for a page it
 * has with the page's ETag (If-None-Match), and reads its copy on a 304.
 */
export async function readPages(s: Site, who: Who, cookie: string | undefined, running: () => boolean) {
  const cache = new BrowserCache()
  const get = async (kind: string, path: string, expect = [200, 304]) => {
    const kept = cache.get(path)
    const headers = { ...(cookie ? { cookie } : {}), ...(kept ? { 'if-none-match': kept.etag } : {}) }
    const res = await send(s.origin, s.rec, { kind, who, path, headers, expect })
    if (res?.status === 304 && kept) return kept
    if (res?.etag !== undefined) cache.set(path, { etag: res.etag, text: res.text })
    return res
  }
  let next: string | undefined
  let depth = 1
  while (running()) {
    if (next !== undefined && Math.random() < 0.5) {
      const res = await get('forum next page (rel="next")', next)
      depth++
      s.world.deepest = Math.max(s.world.deepest, depth)
      next = res && nextPath(res.text, s.origin + next)
      if (res) s.world.noteListing(res.text)
      continue
    }
    next = undefined
    const r = Math.random()
    if (r < 0.15) {
      const res = await get('Latest Discussions /', '/')
      if (res) s.world.noteListing(res.text)
    } else if (r < 0.2) {
      const res = await get('Latest by activity /?sort=active', '/?sort=active')
      if (res) s.world.noteListing(res.text)
    } else if (r < 0.25) {
      const res = await get('Greatest Threads /greatest', '/greatest')
      if (res) s.world.noteListing(res.text)
    } else if (r < 0.5) {
      const path = `/forums/${s.world.pickForum()}`
      const res = await get('forum first page', path)
      next = res && nextPath(res.text, s.origin + path)
      depth = 1
      if (res) s.world.noteListing(res.text)
    } else if (r < 0.85) {
      // A bare id (a thread just posted) redirects to its slugged address once the digest has a headline.
      await get('thread page', s.world.threadPage(s.world.pickThread()), [200, 304, 301])
    } else {
      await get('thread JSON', `/api/threads/${s.world.pickThread()}`)
    }
  }
}

/** How many pages one reader's browser keeps, with their ETags, to ask whether they changed. */
const BROWSER_CACHE_PAGES = 200

/** A reader's browser cache: pages with an ETag, asked for again with If-None-Match. */
class BrowserCache extends Map<string, { etag: string; text: string }> {
  override set(path: string, page: { etag: string; text: string }): this {
    this.delete(path)
    super.set(path, page)
    if (this.size > BROWSER_CACHE_PAGES) this.delete(this.keys().next().value!)
    return this
  }
}

/** The path of a page's rel="next" link, if it has one. */
function nextPath(html: string, url: string): string | undefined {
  const href = nextLinkOf(html)
  if (href === undefined) return undefined
  const next = new URL(href, url)
  return next.pathname + next.search
}
