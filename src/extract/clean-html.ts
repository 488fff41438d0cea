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
  /<!--[\s\S]*?-->|<(script|style|iframe|noscript|template|title|textarea|xmp|noembed|noframes)\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/\1\s*>|<svg\b[\s\S]*?<\/svg\s*>|<([a-zA-Z][a-zA-Z0-9:-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi

const DROPPED: ReadonlySet<string> = new Set(['script', 'style', 'iframe', 'noscript', 'template'])
const ATTRIBUTE = /\s*([^\s"'>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g
const HIDING_STYLE = /(?:^|[;\s"'])\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b/i
const LD_JSON_TYPE = /\btype\s*=\s*["']?\s*application\/ld\+json/i
const STYLESHEET_REL = /\brel\s*=\s*["']?[^"'>]*\bstylesheet\b/i

export function cleanHtml(html: string): CleanedHtml {
  const jsonLd: string[] = []
  const out = html.replace(
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
      if (tag === undefined) return '' // <svg>…</svg>
      if (tag.toLowerCase() === 'link' && STYLESHEET_REL.test(attrs ?? '')) return ''
      if (!attrs || !/style/i.test(attrs)) return match
      return `<${tag}${rewriteStyle(attrs)}>`
    },
  )
  return { html: out, jsonLd }
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
