import { randomBytes } from 'node:crypto'
import type { Queryable } from '../src/db/pool.js'
import { SESSION_COOKIE } from '../src/plugins/auth.js'

export interface BenchMember {
  username: string
  /** The Cookie header of their session. */
  cookie: string
}

/** Registers a fresh member through the form, as a browser would. */
export async function registerBenchMember(origin: string): Promise<BenchMember> {
  const username = `bench_${randomBytes(4).toString('hex')}`
  const res = await fetch(`${origin}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: randomBytes(12).toString('hex') }).toString(),
    redirect: 'manual',
  })
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))
  if (res.status !== 303 || !cookie) throw new Error(`Registering ${username} answered ${res.status} without a session`)
  return { username, cookie: cookie.split(';')[0]! }
}

/** The names of a page's posts' authors (data-author) matching `tag`, most posts first. */
function busiestAuthors(html: string, tag: RegExp, count: number, except: string[]): string[] {
  const authors = new Map<string, number>()
  for (const m of html.matchAll(tag)) authors.set(m[1]!, (authors.get(m[1]!) ?? 0) + 1)
  return [...authors]
    .filter(([name]) => !except.includes(name))
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name]) => name)
}

/**
 * Gives the member what a regular has, on the pages measured: an ignore list (the two members who
 * posted most on Latest Discussions' first page and the two who replied most on `thread`'s first
 * page, so posts fold away on both) and reads of every thread on that first page and of `thread`,
 * every other one with replies read a minute before its latest reply, so lists mark it. The reads
 * are written to the database: read through the web they would all be as of now, and in a seeded
 * database that stands still nothing would ever be unread. Then counts what Latest marks for them.
 */
export async function makeRegular(origin: string, member: BenchMember, thread: number, db: Queryable): Promise<string> {
  const headers = { cookie: member.cookie }
  const latest = await (await fetch(`${origin}/`, { headers })).text()
  // Anonymously: a member opening the thread would record a read of it now.
  const threadHtml = await (await fetch(origin + (await threadAddressOn(origin, thread)))).text()
  const posters = busiestAuthors(latest, /<li data-thread="\d+"[^>]* data-author="([^"]+)"/g, 2, [])
  const repliers = busiestAuthors(threadHtml, /<details class="reply"[^>]* data-author="([^"]+)"/g, 2, posters)
  const threads = [...new Set([...latest.matchAll(/data-thread="(\d+)"/g)].map((m) => Number(m[1]))), thread]
  const { rows } = await db.query<{ unread: boolean }>(
    `INSERT INTO thread_reads (member_id, thread_id, read_at)
     SELECT u.id, t.id, CASE WHEN t.reply_count > 0 AND x.n % 2 = 1 THEN t.last_activity_at - interval '1 minute' ELSE now() END
     FROM users u, unnest($2::bigint[]) WITH ORDINALITY AS x (id, n) JOIN threads t ON t.id = x.id
     WHERE u.username = $1
     ON CONFLICT (member_id, thread_id) DO UPDATE SET read_at = excluded.read_at
     RETURNING read_at < now() AS unread`,
    [member.username, threads],
  )
  // Each of the member's posts drops what the web process keeps of them: their next page reads the reads above.
  for (const name of [...posters, ...repliers]) {
    const res = await fetch(`${origin}/members/${encodeURIComponent(name)}/ignore`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    })
    if (res.status !== 303) throw new Error(`Ignoring ${name} answered ${res.status}`)
  }
  const marked = await (await fetch(`${origin}/`, { headers })).text()
  const marks = marked.match(/ol\.threads > li\[data-thread="\d+"\] > \.title::after/g)?.length ?? 0
  return (
    `ignores ${posters.length} posters on Latest and ${repliers.length} repliers in thread ${thread}, ` +
    `has read ${rows.length} threads, ` +
    `${rows.filter((r) => r.unread).length} before their latest reply (Latest marks ${marks})`
  )
}

const unescapeHtml = (s: string) =>
  s
    .replaceAll('&amp;', '&')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')

/** The href of the page's `rel="next"` link (an <a> or a <link>), if it has one. */
export function nextLinkOf(html: string): string | undefined {
  for (const tag of html.matchAll(/<(?:a|link)\b[^>]*>/gi)) {
    if (!/\brel="(?:[^"]*\s)?next(?:\s[^"]*)?"/i.test(tag[0])) continue
    const href = /\bhref="([^"]*)"/i.exec(tag[0])?.[1]
    if (href !== undefined) return unescapeHtml(href)
  }
  return undefined
}

export interface DeepPage {
  path: string
  depth: number
  /** How it was reached: the pages' own rel="next" links, or page numbers when a page has none. */
  how: 'rel="next"' | '?page=N'
}

/** Walks from a forum's first page `depth - 1` times to the next page, stopping early at the last one. */
export async function findDeepPage(origin: string, first: string, depth: number): Promise<DeepPage> {
  let path = first
  let reached = 1
  for (; reached < depth; reached++) {
    const res = await fetch(origin + path)
    const html = await res.text()
    if (res.status !== 200) throw new Error(`${path} answered ${res.status} while following rel="next"`)
    const next = nextLinkOf(html)
    if (next === undefined) {
      if (reached > 1 || !/\?page=|class="pager"/.test(html)) break
      return { path: `${first}?page=${depth}`, depth, how: '?page=N' }
    }
    path = new URL(next, origin + path).pathname + new URL(next, origin + path).search
  }
  return { path, depth: reached, how: 'rel="next"' }
}

/** A thread page's address as the app's links spell it (its headline's slug), read from where its bare id leads. */
export async function threadAddressOn(origin: string, id: number): Promise<string> {
  const res = await fetch(`${origin}/threads/${id}`, { redirect: 'manual' })
  await res.arrayBuffer()
  const location = res.headers.get('location')
  return res.status === 301 && location ? location : `/threads/${id}`
}
