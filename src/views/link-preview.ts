import type { ThreadRow } from '../db/threads.js'
import { isWebUrl } from '../links/web-url.js'
import { headingOf } from './present-thread.js'
import { threadPath } from './thread-path.js'

/** The first sentence of a text: what a link preview shows. */
function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=["'”’)\]]*(\s|$))["'”’)\]]*/s.exec(text.trim())
  return (match?.[0] ?? text).trim()
}

/** Where a preview's sentence comes from: the standfirst, else the first paragraph. */
const leadOf = (t: Pick<ThreadRow, 'standfirst' | 'excerpt'>) => t.standfirst ?? t.excerpt[0] ?? ''

/** The longest description link previews show in full; longer ones are cut at a word. */
const DESCRIPTION_MAX = 300

/**
 * What a thread shared elsewhere previews as (Open Graph, Twitter card, oEmbed): its headline, the
 * first sentence of its excerpt, its address here and the source's picture.
 */
export function linkPreview(t: ThreadRow, publicUrl: string) {
  const url = `${publicUrl}${threadPath(t.id, t.title)}`
  const lead = firstSentence(leadOf(t))
  const site = t.siteName ?? new URL(t.submittedUrl).hostname
  const description = lead
    ? lead.length > DESCRIPTION_MAX
      ? `${lead.slice(0, lead.lastIndexOf(' ', DESCRIPTION_MAX - 1))}…`
      : lead
    : `A link from ${site}, discussed on Broadsheet.`
  return {
    title: headingOf(t),
    description,
    site,
    url,
    image: t.imageUrl && isWebUrl(t.imageUrl) ? t.imageUrl : undefined,
    oembed: `${publicUrl}/api/oembed?url=${encodeURIComponent(url)}&format=json`,
  }
}
