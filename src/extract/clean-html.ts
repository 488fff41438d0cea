/**
 * String-level pre-pass over a fetched page, run before jsdom sees it.
 *
 * Readability never needs scripts, styles, SVG, iframes or <noscript>
 * fallbacks, and jsdom spends about half its parse time (and most of its
 * memory) on them. Style sheets and style="" attributes can also make jsdom
 * 27.3–29.1 throw outright (e.g. `calc($var)`), so every style="" goes; an
 * element it hid keeps being hidden through the `hidden` attribute, which
 * Readability honours, so hidden text never reaches the excerpt.
 *
 * Navigation bars, asides, drop-down lists and buttons go too, whole: never
 * the article's text (Readability drops them from the article it picks),
 * and on a news page the menus alone are a sixth of what jsdom would build.
 * Only an element whose end tag is found goes, and only when it holds no
 * dateline or byline (an <aside> with the post's author and date stays);
 * JSON-LD inside one stays.
 *
 * Of the other elements' attributes only those something here reads stay
 * (class, id, href, itemprop, datetime, hidden, role…): a news page's tags
 * carry more data-*, srcset, onclick and tracking attributes than text, and
 * jsdom builds an object for each. Images, media and <meta>/<link> keep all
 * of theirs (Readability reads lazy-loading attributes of any name).
 * A tag whose attributes do not read cleanly stays as it is.
 *
 * One left-to-right tokenizer regex keeps comments, raw-text elements and
 * tags from being confused with each other (a "<script>" inside a comment or
 * a "<!--" inside a script), the way the HTML tokenizer would.
 */

export interface CleanedHtml {
  html: string
  /** Bodies of <script type="application/ld+json">, kept in `html` as well for Readability. */
  jsonLd: string[]
}

const TOKEN =
  /<!--[\s\S]*?-->|<(script|style|iframe|noscript|template|title|textarea|xmp|noembed|noframes)\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/\1\s*>|<svg\b[\s\S]*?<\/svg\s*>|<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|<\/([a-zA-Z][a-zA-Z0-9:-]*)\s*>/gi

const DROPPED: ReadonlySet<string> = new Set(['script', 'style', 'iframe', 'noscript', 'template'])
/** Something the dateline and byline readers look for: such an element stays. */
const MARKS_METADATA =
  /<time\b|\b(?:itemprop|datetime|pubdate)\s*=|\brel\s*=\s*["']?author|\b(?:class|id)\s*=\s*["']?[^"'>]*(?:author|byline|date|posted|publish)/i
/** Elements dropped with everything inside them. */
const DROPPED_WHOLE: ReadonlySet<string> = new Set(['nav', 'aside', 'select', 'button'])
const ATTRIBUTE = /\s*([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g
/** Elements that keep all their attributes (an <abbr>'s title may be its date). */
const KEEPS_ATTRIBUTES: ReadonlySet<string> = new Set(
  'img picture source figure video audio embed object meta link base abbr'.split(' '),
)
/** Attributes the extraction (ours and Readability's) reads on other elements. */
const READ_ATTRIBUTES: ReadonlySet<string> = new Set(
  'class id href rel itemprop itemscope itemtype content datetime pubdate hidden aria-hidden aria-modal role lang xml:lang dir colspan rowspan summary datatable type name property'.split(
    ' ',
  ),
)
const HIDING_STYLE = /(?:^|[;\s"'])\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i
const LD_JSON_TYPE = /\btype\s*=\s*["']?\s*application\/ld\+json/i
const STYLESHEET_REL = /\brel\s*=\s*["']?[^"'>]*\bstylesheet\b/i

export function cleanHtml(html: string): CleanedHtml {
  const jsonLd: string[] = []
  const out = withoutDroppedElements(html).replace(
    TOKEN,
    (match, rawTag?: string, rawAttrs?: string, body?: string, tag?: string, attrs?: string) => {
      if (match.startsWith('<!--')) return ''
      if (rawTag !== undefined) {
        const name = rawTag.toLowerCase()
        if (name === 'script' && LD_JSON_TYPE.test(rawAttrs ?? '')) {
          jsonLd.push(body ?? '')
          return match
        }
        return DROPPED.has(name) ? '' : match
      }
      if (tag === undefined) return match.startsWith('</') ? match : '' // an end tag, or <svg>…</svg>
      const name = tag.toLowerCase()
      if (name === 'link' && STYLESHEET_REL.test(attrs ?? '')) return ''
      if (!attrs) return match
      if (!KEEPS_ATTRIBUTES.has(name)) return `<${tag}${readAttributes(attrs) ?? rewriteStyle(attrs)}>`
      return /style/i.test(attrs) ? `<${tag}${rewriteStyle(attrs)}>` : match
    },
  )
  return { html: out, jsonLd }
}

/**
 * The page without its DROPPED_WHOLE elements (outermost ones, from start
 * tag to the end tag that closes it, nested ones of the same name counted),
 * but with any JSON-LD they held.
 */
function withoutDroppedElements(html: string): string {
  let out = ''
  let from = 0
  let open: { name: string; depth: number; start: number; jsonLd: string } | null = null
  for (const match of html.matchAll(TOKEN)) {
    const [token, rawTag, rawAttrs, , startTag, attrs, endTag] = match
    if (open !== null && rawTag?.toLowerCase() === 'script' && LD_JSON_TYPE.test(rawAttrs ?? '')) {
      open.jsonLd += token
      continue
    }
    const name = (startTag ?? endTag)?.toLowerCase()
    if (name === undefined || !DROPPED_WHOLE.has(name)) continue
    if (open === null) {
      if (startTag !== undefined && !/\/\s*$/.test(attrs ?? ''))
        open = { name, depth: 1, start: match.index, jsonLd: '' }
    } else if (name === open.name) {
      open.depth += startTag !== undefined ? 1 : -1
      if (open.depth === 0) {
        const end = match.index + token.length
        if (!MARKS_METADATA.test(html.slice(open.start, end))) {
          out += html.slice(from, open.start) + open.jsonLd
          from = end
        }
        open = null
      }
    }
  }
  return from === 0 ? html : out + html.slice(from)
}

/**
 * The READ_ATTRIBUTES of an attribute list, a style that hid the element
 * becoming `hidden`; null when the list does not read as name=value pairs.
 */
function readAttributes(attrs: string): string | null {
  let kept = ''
  let hidden = false
  let end = 0
  for (const match of attrs.matchAll(ATTRIBUTE)) {
    if (match.index !== end) return null
    end += match[0].length
    const name = match[1]!.toLowerCase()
    if (READ_ATTRIBUTES.has(name)) kept += ` ${match[1]}${match[2] === undefined ? '' : `=${match[2]}`}`
    else if (name === 'style' && match[2] && HIDING_STYLE.test(match[2])) hidden = true
  }
  const rest = attrs.slice(end)
  if (!/^\s*\/?\s*$/.test(rest)) return null
  return `${kept}${hidden && !/\shidden\b/i.test(kept) ? ' hidden' : ''}${rest.includes('/') ? ' /' : ''}`
}

/** Drops style="" from an attribute list; a style that hid the element becomes `hidden`. */
function rewriteStyle(attrs: string): string {
  let hidden = false
  let found = false
  const rest = attrs.replace(ATTRIBUTE, (attr, name: string, value?: string) => {
    if (name.toLowerCase() !== 'style') return attr
    found = true
    if (value && HIDING_STYLE.test(value)) hidden = true
    return ''
  })
  if (!found) return attrs
  const selfClosing = /\/\s*$/.test(rest)
  const base = rest.replace(/\/\s*$/, '').replace(/\s+$/, '')
  return `${base}${hidden ? ' hidden' : ''}${selfClosing ? ' /' : ''}`
}
