import { Feed } from 'feed'
import type { FeedFormat } from './feed-paths.js'
import { escapeHtml } from './helpers.js'
import { asciiXml } from './ascii-output.js'

export const FEED_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
}

/** One entry of a feed; every address absolute. */
export interface FeedEntry {
  /** Its permanent address: the entry's id and guid. */
  id: string
  link: string
  /** Plain text: escaped here for the formats that take HTML. */
  title: string
  published: Date
  /** When it last changed in a way a reader should see again. */
  updated: Date
  author: { name: string; link?: string | undefined } | undefined
  /** HTML, links absolute. */
  html: string
  category: string | undefined
}

export interface FeedDocument {
  title: string
  description: string
  /** The page the feed follows, absolute. */
  page: string
  /** The feed's own addresses, absolute. */
  self: Record<FeedFormat, string>
  entries: FeedEntry[]
}

/** Before any entry exists a feed still needs a date; a fixed one keeps its ETag steady. */
const NEVER = new Date(0)

/** The feed as XML, and when it last changed: its newest entry's update (the Last-Modified header). */
export function renderFeed(doc: FeedDocument, format: FeedFormat): { xml: string; updated: Date } {
  const updated = new Date(Math.max(NEVER.getTime(), ...doc.entries.map((e) => e.updated.getTime())))
  const feed = new Feed({
    id: doc.self.atom,
    title: doc.title,
    description: doc.description,
    link: doc.page,
    feedLinks: { [format]: doc.self[format] },
    updated,
    language: 'en',
    generator: 'Broadsheet',
    author: { name: 'Broadsheet' },
    copyright: 'Excerpts quoted for discussion; each belongs to its source.',
  })
  for (const e of doc.entries) {
    // RSS titles are text; Atom's are marked as HTML by the library, so they are escaped for it.
    const common = { link: e.link, published: e.published }
    if (format === 'atom') {
      // Atom wants no summary beside inline content.
      feed.addItem({
        ...common,
        content: e.html,
        id: e.id,
        title: escapeHtml(e.title),
        date: e.updated,
        ...(e.author ? { author: [e.author] } : {}),
        ...(e.category ? { category: [{ name: e.category, term: e.category }] } : {}),
      })
    } else {
      // RSS's <author> must be an e-mail address; the name goes in Dublin Core's creator instead.
      feed.addItem({
        ...common,
        // The entry's HTML is its description, which every reader shows (not also content:encoded).
        description: e.html,
        // An entry whose id is its address gets a permalink guid; the library marks any given id as not one.
        ...(e.id === e.link ? {} : { id: e.id }),
        title: e.title,
        date: e.published,
        ...(e.category ? { category: [{ name: e.category }] } : {}),
        ...(e.author ? { extensions: [{ name: 'dc:creator', objects: { _text: e.author.name } }] } : {}),
      })
    }
  }
  return { xml: asciiXml(withoutIndent(format === 'atom' ? feed.atom1() : feed.rss2())), updated }
}

/**
 * The library indents its XML by four spaces a level, a tenth of a feed's bytes that every poll pays.
 * Outside CDATA sections a newline followed by spaces and `<` can only be that indent (a `<` in text is
 * escaped), so it goes; the entries' HTML inside CDATA is kept as it is.
 */
function withoutIndent(xml: string): string {
  return xml
    .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\n +</g, '\n<')))
    .join('')
}
