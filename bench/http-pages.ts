import { randomBytes } from 'node:crypto'
import { SESSION_COOKIE } from '../src/plugins/auth.js'

/** Registers a fresh member through the form, as a browser would, and returns its Cookie header. */
export async function registerBenchMember(origin: string): Promise<string> {
  const username = `bench_${randomBytes(4).toString('hex')}`
  const res = await fetch(`${origin}/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password: randomBytes(12).toString('hex') }).toString(),
    redirect: 'manual',
  })
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))
  if (res.status !== 303 || !cookie) throw new Error(`Registering ${username} answered ${res.status} without a session`)
  return cookie.split(';')[0]!
}

/**
 * Gives the member what a regular has: an ignore list (the three members who wrote most on
 * Latest Discussions' first page, so their posts fold away there) and reads of every thread on
 * that page (so threads answered since are marked). `thread` is read too, so the measured thread
 * page has its reader's watch state and read.
 */
export async function makeRegular(origin: string, cookie: string, thread: number): Promise<string> {
  const headers = { cookie }
  const latest = await (await fetch(`${origin}/`, { headers })).text()
  const authors = new Map<string, number>()
  for (const m of latest.matchAll(/data-author="([^"]+)"/g)) authors.set(m[1]!, (authors.get(m[1]!) ?? 0) + 1)
  const ignored = [...authors]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([name]) => name)
  for (const name of ignored) {
    const res = await fetch(`${origin}/members/${encodeURIComponent(name)}/ignore`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
      redirect: 'manual',
    })
    if (res.status !== 303) throw new Error(`Ignoring ${name} answered ${res.status}`)
  }
  const threads = new Set([...latest.matchAll(/data-thread="(\d+)"/g)].map((m) => Number(m[1])))
  threads.add(thread)
  for (const id of threads) await (await fetch(origin + (await threadAddressOn(origin, id)), { headers })).arrayBuffer()
  return `ignores ${ignored.length} members, has read ${threads.size} threads`
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
