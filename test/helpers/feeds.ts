import { parseFeed } from '@rowanmanning/feed-parser'
import { JSDOM } from 'jsdom'
import type { TestApp } from './build-app.js'
import { readyThread } from './factories.js'

/** A feed as a feed reader reads it. */
export const readFeed = (xml: string) => parseFeed(xml)

/** What a reader shows of an entry: Atom's content, or the HTML in an RSS item's description. */
export const entryHtml = (item: { content: string | null; description: string | null }) =>
  item.content ?? item.description

/** The links of an entry's HTML content, by their text. */
export function contentLinks(html: string | null): Map<string, string> {
  const { document } = new JSDOM(html ?? '').window
  return new Map([...document.querySelectorAll('a')].map((a) => [a.textContent?.trim() ?? '', a.href]))
}

/** An entry's HTML content as the text a reader sees. */
export const contentText = (html: string | null) => new JSDOM(html ?? '').window.document.body.textContent ?? ''

/** A thread posted through the API, then given a digest in the database as the worker would. */
export async function digestedThread(
  built: TestApp,
  auth: Record<string, string>,
  options: { slug: string; forum?: string; title?: string; site?: string; hoursAgo?: number },
) {
  const url = `https://news.example/${options.slug}`
  const title = options.title ?? `Story ${options.slug}`
  const id = await readyThread(built, auth, { url, forum: options.forum ?? 'economy' }, title)
  await built.pool.query(
    `UPDATE threads SET site_name = $2, excerpt = $3, byline = 'A. Writer',
       canonical_url = $4, fetched_at = now(), created_at = now() - make_interval(hours => $5)
     WHERE id = $1`,
    [
      id,
      options.site ?? 'The Example News',
      [`First sentence of ${options.slug}. Second sentence.`, `Another paragraph of ${options.slug}.`],
      `${url}?canonical`,
      options.hoursAgo ?? 0,
    ],
  )
  return { id, title, url, sourceUrl: `${url}?canonical` }
}
