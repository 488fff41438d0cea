import MarkdownIt from 'markdown-it'
import sanitizeHtml from 'sanitize-html'

/**
 * What members write, as HTML: a small Markdown subset (emphasis, quotes, lists, links, code),
 * blank lines making paragraphs and single newlines line breaks as before, so plain text written
 * before Markdown reads as it did. Raw HTML is never passed through, images and headings are not
 * part of the subset, and only http(s) links are made.
 */
const markdown = new MarkdownIt('zero', { html: false, linkify: true, breaks: true, typographer: false })
  .enable(['blockquote', 'list', 'code', 'fence', 'paragraph'])
  .enable(['newline', 'escape', 'backticks', 'emphasis', 'link', 'autolink', 'linkify', 'entity'])

// Bare addresses become links only with their scheme ("example.com" stays text), as before Markdown.
markdown.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false })

const WEB_LINK = /^https?:\/\//i
markdown.validateLink = (url) => WEB_LINK.test(url.trim())

const REL = 'nofollow ugc noopener'
markdown.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  tokens[idx]!.attrSet('rel', REL)
  return self.renderToken(tokens, idx, options)
}

/** The second line: whatever the renderer made, only these tags and attributes reach a page. */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'blockquote', 'ul', 'ol', 'li', 'a', 'code', 'pre'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'escape',
  // Every link keeps its rel, whatever came before.
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: REL }) },
}

/** HTML cut down to the tags, attributes and link schemes a member's text may show. */
export const sanitizePostHtml = (html: string) => sanitizeHtml(html, ALLOWED)

/**
 * A page is rendered again whenever anything on it changes (or ages out of the page cache), and
 * most of its replies have not changed: each text's HTML is kept, oldest dropped first, up to this
 * many characters of text and HTML together (some 16 MB).
 */
const KEPT_CHARS = 8_000_000
const kept = new Map<string, string>()
let keptChars = 0

/** A member's text (a reply, a poster's comment) as safe HTML. */
export function renderPostText(text: string): string {
  let html = kept.get(text)
  if (html === undefined) {
    html = sanitizePostHtml(markdown.render(text.replace(/\r\n?/g, '\n'))).trim()
    keptChars += text.length + html.length
    kept.set(text, html)
    for (const [oldest, oldHtml] of kept) {
      if (keptChars <= KEPT_CHARS) break
      keptChars -= oldest.length + oldHtml.length
      kept.delete(oldest)
    }
  }
  return html
}

/** A reply quoted in an answer: a Markdown blockquote, led by whose words they are. */
export function quoteInMarkdown(author: string, text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  return `> ${author} wrote:\n>\n${lines.map((line) => (line === '' ? '>' : `> ${line}`)).join('\n')}\n\n`
}
