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
 *
 * Any other blank run at a block's edge (`</li>⏎<li>`, `<ul>⏎<li><a>`) joins the text next to
 * it instead of making a node of its own: moved back before the end tags that closed that text's
 * elements, or on past the start tags that open the next text's. Every element above both keeps
 * the same text, and the elements crossed only gain blank space at their start or end, which
 * every reader trims. It moves only across a block's tag (so a word on its far side is in another
 * block, apart whatever Readability removes), not into a div's own text (Readability asks whether
 * a div's text nodes end in a blank) nor into tables (whose stray text the parser moves).
 * On news pages this halves the blank nodes left (a tenth of all nodes).
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
/**
 * Block boundaries: a blank run moves into a text only across one of these, so that the text on
 * its other side is in another block, kept apart whatever Readability removes.
 */
const BLOCK: ReadonlySet<string> = new Set(
  [...CLOSING].filter((name) => !['rb', 'rt', 'rp', 'rtc', 'option', 'optgroup'].includes(name)),
)
const PRESERVED: ReadonlySet<string> = new Set(['pre', 'listing'])
/**
 * Text directly in these stays apart from the blank run after it: Readability reads a div's or
 * section's text nodes by whether they end in a blank, and a table's text may move out of it.
 */
const KEEPS_OWN_TEXT_NODES: ReadonlySet<string> = new Set(
  'div section table tbody thead tfoot tr html head body'.split(' '),
)
/** Where text moves elsewhere or the parser treats a first newline apart. */
const NOT_LED_INTO: ReadonlySet<string> = new Set(
  'table caption colgroup tbody thead tfoot tr td th html head body pre listing math'.split(' '),
)
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

/** Start tags a blank run may move past, into the text after them: the parser opens nothing else and closes nothing there. */
function mayLeadInto(name: string, open: readonly Open[]): boolean {
  return (
    !VOID.has(name) &&
    !NOT_LED_INTO.has(name) &&
    !(CLOSING.has(name) && open.some((el) => OPTIONAL_END.has(el.name))) &&
    !(name === 'a' && open.some((el) => el.name === 'a'))
  )
}

export function withoutBlankRuns(html: string): string {
  let out = ''
  let from = 0
  // Whether the text before this point ends in a run of whitespace, whatever Readability removes.
  let afterRun = false
  const open: Open[] = []
  // End tags that closed, one by one, the element holding the last text and its parents: held back,
  // so that a blank run after them can join that text.
  let closing: string | null = null
  const flushClosing = () => {
    if (closing !== null) out += closing
    closing = null
  }
  // A blank run held back with the start tags after it, so that it can join the text they lead to;
  // `depth` is how many elements were open before those start tags.
  let leading: { blank: string; tags: string; depth: number } | null = null
  const flushLeading = (joinText: boolean) => {
    if (leading === null) return
    if (joinText) {
      out += leading.tags + leading.blank
      // The run no longer comes before these elements, which Readability may remove with it.
      for (const el of open.slice(leading.depth)) el.afterRun = false
    } else {
      out += leading.blank + leading.tags
    }
    leading = null
  }
  const openWith = (names: ReadonlySet<string>) => open.some((el) => names.has(el.name))
  /** A formatting element open above an element a block may close. */
  const mayCutFormatting = () => {
    const closable = open.findIndex((el) => OPTIONAL_END.has(el.name))
    return closable !== -1 && open.slice(closable + 1).some((el) => FORMATTING.has(el.name))
  }
  // The name of the tag just before this point, start or end ('' after text or anything else).
  let previousTag = ''
  for (const match of html.matchAll(TOKEN)) {
    const [token, rawText, slash, tag] = match
    const text = html.slice(from, match.index)
    let textHolder: string | undefined
    if (!(afterRun && BLANK.test(text) && !openWith(PRESERVED))) {
      if (closing !== null && BLANK.test(text) && BLOCK.has(tag?.toLowerCase() ?? '')) {
        out += text
      } else if (text !== '') {
        flushClosing()
        const blank = BLANK.test(text)
        flushLeading(!blank)
        if (blank && !openWith(PRESERVED) && BLOCK.has(previousTag)) {
          leading = { blank: text, tags: '', depth: open.length }
        } else {
          out += text
          textHolder = open.at(-1)?.name ?? ''
        }
      }
      if (text !== '') afterRun = endsInRun(text)
    }
    flushOrHold: {
      const name = tag?.toLowerCase()
      const holder = textHolder ?? (closing !== null ? '' : undefined)
      if (
        slash === '/' &&
        name !== undefined &&
        holder !== undefined &&
        leading === null &&
        open.at(-1)?.name === name &&
        !openWith(PRESERVED) &&
        !KEEPS_OWN_TEXT_NODES.has(textHolder ?? '')
      ) {
        closing = (closing ?? '') + token
        break flushOrHold
      }
      flushClosing()
      if (leading !== null && slash === '' && name !== undefined && mayLeadInto(name, open)) leading.tags += token
      else {
        flushLeading(false)
        out += token
      }
    }
    from = match.index + token.length
    previousTag = tag?.toLowerCase() ?? ''
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
  flushClosing()
  flushLeading(false)
  return from === 0 ? html : out + html.slice(from)
}
