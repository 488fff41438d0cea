/**
 * String-level pass over cleaned HTML that drops whitespace jsdom would
 * otherwise turn into text nodes nobody reads. An indented page has more
 * whitespace-only text nodes than elements (about 4 in 10 of its nodes), and
 * each costs the parser, jsdom's tree and the garbage collector.
 *
 * Only whitespace that changes no text is dropped: a blank run that follows
 * a text ending in two or more whitespace characters, with only start tags
 * between the two. Every element holding the blank run then either holds
 * that text too, where the two form one run of whitespace before and after
 * (which Readability's and our whitespace collapsing turn into one space),
 * or starts with the blank run, where it is trimmed away. End tags, void
 * elements and raw text in between keep the run, since Readability may
 * remove the element that held the earlier text. Nothing inside <pre> or
 * <listing> goes (a <textarea>'s text is raw text, kept whole).
 */

const TOKEN =
  /<(script|style|title|textarea|xmp|noembed|noframes|iframe|noscript|template)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<[!?][^>]*>/g

const VOID: ReadonlySet<string> = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
)
const PRESERVED: ReadonlySet<string> = new Set(['pre', 'listing'])
const BLANK = /^[ \t\n\f\r]+$/
const TRAILING_SPACE = /[ \t\n\f\r]*$/

/** Ends in two or more whitespace characters, a CR LF pair counting as one (the parser makes it one LF). */
const endsInRun = (text: string) => TRAILING_SPACE.exec(text)![0].replace(/\r\n?/g, '\n').length >= 2

export function withoutBlankRuns(html: string): string {
  let out = ''
  let from = 0
  // Whether the last text kept ends in a run of whitespace, with only start tags since.
  let afterRun = false
  let preserved = 0
  for (const match of html.matchAll(TOKEN)) {
    const text = html.slice(from, match.index)
    if (!(afterRun && preserved === 0 && BLANK.test(text))) {
      out += text
      if (text !== '') afterRun = endsInRun(text)
    }
    out += match[0]
    from = match.index + match[0].length
    afterRun = updated(afterRun, match)
    preserved = depth(preserved, match)
  }
  return from === 0 ? html : out + html.slice(from)
}

function updated(afterRun: boolean, [token, rawText, slash, name]: RegExpMatchArray): boolean {
  if (rawText !== undefined) return false
  if (name === undefined) return afterRun && !token.startsWith('<?')
  return afterRun && slash === '' && !VOID.has(name.toLowerCase())
}

function depth(preserved: number, [, , slash, name]: RegExpMatchArray): number {
  if (name === undefined || !PRESERVED.has(name.toLowerCase())) return preserved
  return slash === '' ? preserved + 1 : Math.max(0, preserved - 1)
}
