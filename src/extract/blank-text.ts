/**
 * String-level pass over cleaned HTML that drops whitespace jsdom would
 * otherwise turn into text nodes nobody reads. An indented page has more
 * whitespace-only text nodes than elements (about 4 in 10 of its nodes), and
 * each costs the parser, jsdom's tree and the garbage collector.
 *
 * Only whitespace that changes no text is dropped: a blank run that follows
 * a text ending in two or more whitespace characters. Every element holding
 * the blank run then either holds that text too, where the two form one run
 * of whitespace before and after (which Readability's and our whitespace
 * collapsing turn into one space), or starts with the blank run, where it is
 * trimmed away. Readability may remove the element that held the earlier
 * text: past an element's end tag the run is dropped only if the text before
 * that element's start tag ended in such a run too. Raw text and <br> keep
 * the next run, and so does any tag while an element whose end tag may be
 * left out (<p>, <li>, <td>…) is open, since the parser may close it where
 * the string does not say.
 *
 * Blank text also makes the parser reopen formatting elements (<b>, <a>…)
 * that a closing element cut off; dropping it would move where they reopen.
 * So once a formatting element may be cut off (closed with an element around
 * it, or open inside an element a block may close), nothing more goes. Nothing inside <pre> or
 * <listing> goes (a <textarea>'s text is raw text, kept whole).
 */

const TOKEN =
  /<(script|style|title|textarea|xmp|noembed|noframes|iframe|noscript|template)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>"']|"[^"]*"|'[^']*')*>|<[!?][^>]*>/g

const VOID: ReadonlySet<string> = new Set(
  'area base br col embed hr img input link meta param source track wbr'.split(' '),
)
/** Elements the parser may close without an end tag: the string then does not show where they end. */
const OPTIONAL_END: ReadonlySet<string> = new Set(
  'p li dd dt option optgroup rb rt rp rtc td th tr tbody thead tfoot colgroup caption'.split(' '),
)
const FORMATTING: ReadonlySet<string> = new Set('a b big code em font i nobr s small strike strong tt u'.split(' '))
/** Start tags that close an open <p>, or an element of OPTIONAL_END of their own kind. */
const CLOSING: ReadonlySet<string> = new Set([
  ...OPTIONAL_END,
  ...'address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol pre section summary table ul listing xmp plaintext'.split(
    ' ',
  ),
])
const PRESERVED: ReadonlySet<string> = new Set(['pre', 'listing'])
const A: ReadonlySet<string> = new Set(['a'])
const BLANK = /^[ \t\n\f\r]+$/
const TRAILING_SPACE = /[ \t\n\f\r]*$/

/** Ends in two or more whitespace characters, a CR LF pair counting as one (the parser makes it one LF). */
const endsInRun = (text: string) => TRAILING_SPACE.exec(text)![0].replace(/\r\n?/g, '\n').length >= 2

interface Open {
  name: string
  /** Whether the text before its start tag ended in a run. */
  afterRun: boolean
}

export function withoutBlankRuns(html: string): string {
  let out = ''
  let from = 0
  // Whether the text before this point ends in a run of whitespace, whatever Readability removes.
  let afterRun = false
  const open: Open[] = []
  const openWith = (names: ReadonlySet<string>) => open.some((el) => names.has(el.name))
  /** A formatting element open above an element a block may close. */
  const mayCutFormatting = () => {
    const closable = open.findIndex((el) => OPTIONAL_END.has(el.name))
    return closable !== -1 && open.slice(closable + 1).some((el) => FORMATTING.has(el.name))
  }
  for (const match of html.matchAll(TOKEN)) {
    const [token, rawText, slash, tag] = match
    const text = html.slice(from, match.index)
    if (!(afterRun && BLANK.test(text) && !openWith(PRESERVED))) {
      out += text
      if (text !== '') afterRun = endsInRun(text)
    }
    out += token
    from = match.index + token.length
    if (rawText !== undefined || token.startsWith('<?')) afterRun = false
    if (tag === undefined) continue
    const name = tag.toLowerCase()
    if (slash === '') {
      if (CLOSING.has(name) ? mayCutFormatting() : name === 'a' && openWith(A)) break
      afterRun &&= name !== 'br' && !openWith(OPTIONAL_END)
      if (!VOID.has(name)) open.push({ name, afterRun })
      continue
    }
    const at = open.findLastIndex((el) => el.name === name)
    if (at === -1 ? FORMATTING.has(name) : open.slice(at + 1).some((el) => FORMATTING.has(el.name))) break
    if (at === -1) afterRun = false
    else for (const closed of open.splice(at)) afterRun &&= closed.afterRun
  }
  return from === 0 ? html : out + html.slice(from)
}
