import type { FeedReplyRow, FeedState } from '../db/feed-posts.js'
import type { ModerationLogRow } from '../db/moderation.js'
import type { ThreadRow } from '../db/threads.js'
import { sourceUrlOf } from '../links/source-url.js'
import type { FeedEntry } from '../render/feed-xml.js'
import { escapeHtml } from '../render/helpers.js'
import { renderPostText } from '../render/post-text.js'
import { headingOf } from './present-thread.js'

/** Makes a path of this site absolute (feeds are read away from it). */
export type Absolute = (path: string) => string

const memberPath = (name: string) => `/members/${encodeURIComponent(name)}`

/** The source's name: what the page called its site, else its host. */
const siteNameOf = (t: Pick<ThreadRow, 'siteName' | 'submittedUrl'>) => t.siteName ?? new URL(t.submittedUrl).hostname

/**
 * A digest as a feed entry: the headline, the source site and byline, the standfirst, the lede (the
 * excerpt's first paragraph: the whole excerpt is on the thread's page, one click away, and a feed is
 * copied on by whoever reads it), the "more..." link to the source and the link to its discussion
 * here. Only ready, visible threads are entries: a reader keeps an entry as first seen, so a
 * "Fetching…" heading would stay for good. The separators are written as entities, so the markup
 * the site adds is plain ASCII.
 */
export function threadEntry(t: ThreadRow, state: FeedState | undefined, abs: Absolute): FeedEntry | undefined {
  if (t.status !== 'ready' || !state || state.hidden) return undefined
  const threadUrl = abs(`/threads/${t.id}`)
  const site = siteNameOf(t)
  const lede = t.excerpt[0]
  const html = [
    `<p><strong>${escapeHtml(site)}</strong>${t.byline ? ` &middot; By ${escapeHtml(t.byline)}` : ''}</p>`,
    ...(t.standfirst && !lede?.startsWith(t.standfirst) ? [`<p><em>${escapeHtml(t.standfirst)}</em></p>`] : []),
    ...(lede ? [`<blockquote><p>${escapeHtml(lede)}</p></blockquote>`] : []),
    `<p><a href="${escapeHtml(sourceUrlOf(t))}">more...</a></p>`,
    ...(t.comment ? [`<p>${escapeHtml(t.authorName)} wrote:</p>${renderPostText(t.comment)}`] : []),
    `<p><a href="${escapeHtml(threadUrl)}">Discuss it on Broadsheet</a> &middot; posted by ` +
      `<a href="${escapeHtml(abs(memberPath(t.authorName)))}">${escapeHtml(t.authorName)}</a> in ` +
      `<a href="${escapeHtml(abs(`/forums/${t.forumSlug}`))}">${escapeHtml(t.forumName)}</a></p>`,
  ].join('\n')
  return {
    id: threadUrl,
    link: threadUrl,
    title: headingOf(t),
    published: t.createdAt,
    updated: state.changedAt,
    author: { name: t.authorName, link: abs(memberPath(t.authorName)) },
    html,
    category: t.forumName,
  }
}

/** A reply as a feed entry: its text, and the thread it answers with that thread's source. */
export function replyEntry(r: FeedReplyRow, abs: Absolute): FeedEntry {
  const replyUrl = abs(`/replies/${r.id}`)
  const threadUrl = abs(`/threads/${r.threadId}`)
  const heading = headingOf({
    title: r.threadTitle,
    status: r.threadStatus as ThreadRow['status'],
    submittedUrl: r.threadUrl,
  })
  const site = r.threadSiteName ?? new URL(r.threadUrl).hostname
  return {
    id: replyUrl,
    link: replyUrl,
    title: `${r.authorName} on “${heading}”`,
    published: r.createdAt,
    updated: r.editedAt ?? r.createdAt,
    author: { name: r.authorName, link: abs(memberPath(r.authorName)) },
    html: `${renderPostText(r.body)}\n<p>In reply to <a href="${escapeHtml(threadUrl)}">${escapeHtml(heading)}</a> (${escapeHtml(site)})</p>`,
    category: undefined,
  }
}

/** An entry of the public moderation log: who did what, to what, and why; a hidden thread is not named. */
export function logEntry(row: ModerationLogRow, logPath: string, abs: Absolute): FeedEntry {
  const who = row.actorName ?? (typeof row.details.via === 'string' ? 'The site’s operator' : 'A jury')
  const what = row.action.replace(/_/g, ' ')
  const about =
    row.threadId !== null
      ? row.threadHidden
        ? 'a hidden thread'
        : `“${row.threadTitle ?? `thread ${row.threadId}`}”`
      : (row.memberName ?? row.forumName ?? '')
  const target =
    row.replyId !== null
      ? abs(`/replies/${row.replyId}`)
      : row.threadId !== null
        ? abs(`/threads/${row.threadId}`)
        : undefined
  const title = `${who}: ${what}${about ? ` — ${about}` : ''}`
  const forumLink = row.forumSlug
    ? `<p>Forum: <a href="${escapeHtml(abs(`/forums/${row.forumSlug}`))}">${escapeHtml(row.forumName ?? row.forumSlug)}</a></p>`
    : ''
  return {
    id: abs(`${logPath}#entry-${row.id}`),
    link: target ?? abs(logPath),
    title,
    published: row.createdAt,
    updated: row.createdAt,
    author: row.actorName ? { name: row.actorName, link: abs(memberPath(row.actorName)) } : { name: who },
    html: [
      `<p>${escapeHtml(title)}</p>`,
      ...(row.reason ? [`<p>Reason: ${escapeHtml(row.reason)}</p>`] : []),
      forumLink,
      ...(target ? [`<p><a href="${escapeHtml(target)}">What it concerns</a></p>`] : []),
      `<p><a href="${escapeHtml(abs(logPath))}">The moderation log</a></p>`,
    ].join('\n'),
    category: row.forumName ?? undefined,
  }
}
