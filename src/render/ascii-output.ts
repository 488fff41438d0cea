/**
 * What the site sends, written in ASCII where that costs little: the characters of members' and
 * sources' text beyond ASCII (curly quotes, dashes, accents) as character references in HTML and
 * XML, and as \u escapes in JSON. Every reader decodes them to the same text, but a Node client
 * (HTTP benchmarks, monitors, many scrapers) reads an all-ASCII body on its fast path, half again to
 * twice as fast as one with a few such characters (BENCHMARKS.md; render/ascii-text.ts does the
 * same for the templates' own text). Text mostly in another script (Cyrillic, Greek, CJK) stays UTF-8: written as references
 * it would grow two to three times, even gzipped.
 */

/** Escaped output at most this much larger than its UTF-8 is sent escaped. */
const MAX_GROWTH = 0.1

const NON_ASCII = /[^\x00-\x7f]/
const NON_ASCII_CHARS = /[^\x00-\x7f]/gu
const NON_ASCII_RUNS = /[^\x00-\x7f]+/gu

/** A character as an HTML or XML character reference: `’` as `&#8217;`. */
export const reference = (ch: string) => `&#${ch.codePointAt(0)};`

/** The escaped text if it grows little, else the text as it was. */
function ifSmall(text: string, escape: (text: string) => string): string {
  if (!NON_ASCII.test(text)) return text
  const escaped = escape(text)
  return escaped.length <= Buffer.byteLength(text) * (1 + MAX_GROWTH) ? escaped : text
}

/**
 * HTML with character references for what is beyond ASCII, but inside `<script>` and `<style>`,
 * whose text is not read for references (the templates write none there in any case).
 */
export const asciiHtml = (html: string): string =>
  ifSmall(html, (text) =>
    text
      .split(/(<(script|style)\b[^>]*>[\s\S]*?<\/\2\s*>)/i)
      .map((part, i) => (i % 3 === 0 ? part.replace(NON_ASCII_CHARS, reference) : i % 3 === 1 ? part : ''))
      .join(''),
  )

/**
 * XML with character references. Inside a CDATA section a reference would be read as its own
 * characters, so the section is closed around it: `<![CDATA[a]]>&#8217;<![CDATA[b]]>` is the text
 * "a’b" to every XML reader.
 */
export const asciiXml = (xml: string): string =>
  ifSmall(xml, (text) =>
    text
      .split(/(<!\[CDATA\[[\s\S]*?\]\]>)/)
      .map((part, i) =>
        i % 2 === 0
          ? part.replace(NON_ASCII_CHARS, reference)
          : part.replace(NON_ASCII_RUNS, (run) => `]]>${run.replace(NON_ASCII_CHARS, reference)}<![CDATA[`),
      )
      .join(''),
  )

/** JSON with \u escapes: a character beyond the first plane is its two UTF-16 halves, as JSON writes it. */
export const asciiJson = (json: string): string =>
  ifSmall(json, (text) =>
    text.replace(/[\u0080-\uffff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`),
  )
