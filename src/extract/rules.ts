/**
 * General rules for telling article prose from the furniture around it:
 * datelines, bylines, promos (ads, share bars, newsletter and login nags) and
 * photo captions/credits. Nothing here is keyed to one site.
 */
import { isMonthName, readDateText } from './date-text.js'
import { classifyNotice, type Notice } from './notices.js'
import { isPaywallOffer } from './paywall-offers.js'
import { endsLikeSentence, weightedLength } from './text.js'

export type Boilerplate = 'dateline' | 'byline' | 'promo' | 'caption' | Notice

const MONTH =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?'
const WEEKDAY = 'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?'
const DATE_WORDS = new RegExp(
  `\\b(?:${MONTH}|${WEEKDAY}|published|updated?|posted|last|modified|edited|first|originally|on|at|and|date|time|` +
    'today|yesterday|ago|hours?|hrs?|minutes?|mins?|seconds?|secs?|days?|weeks?|months?|years?|read|reading|' +
    'a\\.?m|p\\.?m)\\b\\.?',
  'gi',
)
// Zone abbreviations only in capitals, so that "best" or "most" stay words.
const ZONE = /\b(?:[A-Z]{1,3}[SD]T|UTC|GMT|ET|PT|CT|MT|BST|CES?T|IST|JST|HKT|SGT)\b/g
const TIME = /\b\d{1,2}(?:[:.h]\d{2}){1,2}\s*(?:[ap]\.?\s?m\.?)?/gi
const HAS_DATE = new RegExp(`\\d|\\b(?:${MONTH}|today|yesterday|ago)\\b`, 'i')

/** "Updated 5:42 AM EDT", "April 6, 2016", "Published … / Updated …", "5 min read". */
export function isDateline(text: string): boolean {
  if (weightedLength(text) > 160 || !HAS_DATE.test(text)) return false
  const rest = text
    .replace(TIME, ' ')
    .replace(ZONE, ' ')
    .replace(/\b\d{1,4}(?:st|nd|rd|th)?\b/gi, ' ')
    .replace(DATE_WORDS, ' ')
    .replace(/[^\p{L}]+/gu, ' ')
    .trim()
  return rest === ''
}

export const BY_PREFIX =
  /^\s*(?:(?:written|posted|reported|story|words|text|reporting|report|analysis|opinion|photos?|video)\s+)?(?:by|par|por|von)\b\s*[:\-–—]?\s*/i
const NAME_CONNECTORS: ReadonlySet<string> = new Set(
  'and & y e et und with de da di do dos van von der den la le del du bin al staff writer writers correspondent reporter reporters editor in of the for'.split(
    ' ',
  ),
)

// "By A, B on Monday, November 18th, 2019 at 11:08 a.m.": the names end where the date begins.
const NAMES_END = new RegExp(
  `\\s*(?:[|•·\\n]|\\b(?:updated|published|posted|last updated)\\b|,?\\s\\b(?:on|at)\\s+(?=${WEEKDAY}|${MONTH}|\\d))\\s*`,
  'i',
)

/** Names only: the part of a byline before any separator, date or "Updated". */
function namePart(text: string): string {
  return text.split(NAMES_END)[0] ?? ''
}

function looksLikeNames(text: string): boolean {
  const names = text.trim()
  if (!names || weightedLength(names) > 100) return false
  if (endsLikeSentence(names) && !/(?:\b\p{Lu}|\bJr|\bSr)\.$/u.test(names)) return false
  const words = names.split(/[\s,;]+/).filter((w) => /\p{L}/u.test(w))
  if (words.length === 0 || words.length > 14) return false
  const capitalised = words.filter((w) => /^["'“(]?\p{Lu}/u.test(w)).length
  const connectors = words.filter((w) => NAME_CONNECTORS.has(w.toLowerCase())).length
  return capitalised > 0 && (capitalised + connectors) / words.length >= 0.75
}

/** "An interview by Jane Doe with John Roe", "Ein Interview von … mit …": the credit line of an interview. */
const INTERVIEW_CREDIT =
  /^(?:an?|ein|eine|un|une|una)?\s*(?:interview|gespräch|entrevista|entretien|intervista)\s+(?:by|von|par|de|di|por)\s+(.+?)\s+(?:with|mit|avec|con|com)\s+(.+?)\.?$/iu

function isInterviewCredit(text: string): boolean {
  const credit = INTERVIEW_CREDIT.exec(text)
  return credit !== null && looksLikeNames(credit[1]!) && looksLikeNames(credit[2]!)
}

/** "By Jane Doe", "By JANE DOE and John Roe | Updated April 7" — not "By the time we arrived, …". */
export function isBylineLine(text: string): boolean {
  if (weightedLength(text) > 160) return false
  if (isInterviewCredit(text)) return true
  const prefix = BY_PREFIX.exec(text)
  if (!prefix || prefix[0].trim() === '') return false
  const rest = text.slice(prefix[0].length)
  if (looksLikeNames(namePart(rest))) return true
  // "Von Deutscher Tennis Bund 4. 2. 2022.": names never hold figures, so the names end where the figures begin.
  const figures = /\s(?=\d)/.exec(rest)
  if (!figures) return false
  const date = rest.slice(figures.index)
  return looksLikeNames(rest.slice(0, figures.index)) && (isDateline(date) || isDateOnlyLine(date))
}

const PROMO_LINES: ReadonlySet<string> = new Set([
  'advertisement',
  'advertisements',
  'advertising',
  'ad',
  'ads',
  'sponsored',
  'sponsored content',
  'paid content',
  'paid post',
  'promoted',
  'partner content',
  'supported by',
  'skip advertisement',
  'skip ad',
  'skip to content',
  'skip to main content',
  'skip to navigation',
  'read more',
  'read next',
  'continue reading',
  'continue reading below',
  'continue reading the main story',
  'story continues below',
  'story continues below advertisement',
  'article continues below',
  'article continues below advertisement',
  'article continues after advertisement',
  'content continues below',
  'scroll to continue',
  'scroll to continue with content',
  'related',
  'related articles',
  'related stories',
  'related content',
  'related coverage',
  'recommended',
  'recommended for you',
  'most read',
  'most popular',
  'share',
  'share this',
  'share this article',
  'share this story',
  'comments',
  'show comments',
  'leave a comment',
  'back to top',
  'loading',
  'listen to this article',
  'enlarge this image',
  'toggle caption',
  'hide caption',
  'show caption',
  'view gallery',
  'see more',
  'transcript',
  'opens in new window',
])
const SOCIAL_WORDS: ReadonlySet<string> = new Set(
  'share shares tweet pin email e-mail mail print facebook twitter x linkedin whatsapp reddit pinterest messenger telegram threads bluesky mastodon flipboard tumblr copy link url comments comment save gift article story this on via to or and'.split(
    ' ',
  ),
)
const PROMO_PATTERNS: readonly RegExp[] = [
  /^(?:read more|read next|read also|also read|more|related|see also|recommended|watch|listen|don['’]t miss|must read|further reading|more on this(?: story)?|more from [^:]{1,40}|more coverage|editor['’]s picks?|trending|top stories|sponsored|advertisement)\s*[:：»›|>–—]/i,
  /^(?:click|tap) here\b/i,
  /\b(?:get|sign up|subscribe|delivered)\b.{0,80}\b(?:to|in|into) your inbox\b/i,
  // Bracketed asides between paragraphs are promos: "[Get the morning briefing in your inbox.]".
  /^\[[^\]]*\]$/,
  /^(?:sign up|subscribe|register|join|get|download|install)\b.{0,120}\b(?:newsletters?|app|alerts?|briefing|inbox|podcast)\b/i,
  /^(?:share|tweet|post|pin|email|send|copy)\s+(?:this\s+(?:article|story|page|post)\s+)?(?:on|to|via|with)\s+(?:facebook|twitter|x|linkedin|whatsapp|reddit|pinterest|e-?mail|messenger|telegram|threads|bluesky|mastodon|flipboard)\b/i,
  /(?:^|[.!?]\s+)follow\b.{0,60}\b(?:on\s+)?(?:facebook|twitter|x|instagram|linkedin|tiktok|youtube|threads|bluesky|mastodon)\b/i,
  /^(?:please\s+)?(?:log ?in|sign ?in|subscribe|register|create (?:a free |an )?account)\b.{0,80}\b(?:to (?:continue|keep|read|access|view|unlock|comment)|for (?:full|unlimited) access)/i,
  /^already (?:a )?(?:subscriber|member|registered|have an account)\b/i,
  /^(?:forgot|reset) (?:your )?password/i,
  /^don['’]?t have an account/i,
  /^this (?:article|content|story) is (?:for|only available to|reserved for|exclusive to) (?:paid )?(?:subscribers|members)/i,
  /^you(?: have|['’]ve) (?:reached|read|used) (?:your|all|\d+ of \d+|the)\b.{0,40}\b(?:limit|free|articles)/i,
  /^this (?:article|story|post|piece) (?:was |is )?(?:originally|first) (?:published|appeared)/i,
  /\b(?:enable|turn on) javascript\b/i,
  /\byour browser (?:does not|doesn['’]t) support\b/i,
]

export function isPromo(text: string): boolean {
  const line = text
    .toLowerCase()
    .replace(/[\s.…:!›»>|–—-]+$/u, '')
    .replace(/^[\s›»>|•·–—-]+/u, '')
  if (PROMO_LINES.has(line)) return true
  const len = weightedLength(text)
  if (len < 200 && PROMO_PATTERNS.some((re) => re.test(text))) return true
  if (
    len < 300 &&
    /\bnewsletters?\b/i.test(text) &&
    /\b(?:sign(?:ing)?[ -]?up|subscrib\w*|inbox|delivered|enter your email|email address|get (?:it|our|the))\b/i.test(
      text,
    )
  ) {
    return true
  }
  if (len < 300 && /\bcookies?\b/i.test(text) && /\b(?:accept|consent|cookie policy|agree)\b/i.test(text)) return true
  const words = line.split(/[\s,|•·/]+/).filter(Boolean)
  return words.length > 1 && words.length <= 12 && words.every((w) => SOCIAL_WORDS.has(w))
}

/** "24. März 2004, 19:49 | Genesis": a date and a name, the way comment and post headers print them. */
function isDatedName(text: string): boolean {
  if (weightedLength(text) > 120) return false
  const parts = text.split(/\s*[|•·]\s*/).filter(Boolean)
  if (parts.length < 2) return false
  const dated = parts.filter((part) => weightedLength(part) <= 40 && /\d{1,2}[:.]\d{2}|\d{4}/.test(part))
  return dated.length >= 1 && parts.every((part) => dated.includes(part) || looksLikeNames(part))
}

const AGENCY =
  '(?:getty(?: images)?|shutterstock|istock(?:photo)?|alamy|ap photo|associated press|afp|reuters|epa(?:-efe)?|bloomberg|xinhua|anadolu|nurphoto|sipa|zuma(?: press)?|pa(?: wire| images)?|rex(?:/shutterstock)?|wireimage|dpa|imago|efe|ansa)'
const CAPTION_PATTERNS: readonly RegExp[] = [
  /^(?:photo(?:graph)?|picture|image|illustration|graphic|caption|credit|foto|bild)s?(?:\s+(?:credit|by|courtesy))?\s*[:：|]/i,
  /\(\s*(?:[^()]{0,60}?\b)?(?:photos?|photograph|image|credit|courtesy|file photo|getty|ap|afp|reuters|epa|shutterstock)\b[^()]{0,60}\)\s*\.?$/i,
  new RegExp(
    `(?:[/|•·]|\\bvia|\\b(?:photo(?:graph)?|image|credit|courtesy)(?:\\s+by)?\\s*:?)\\s*[^/|•·.!?]{0,60}?\\b${AGENCY}\\b[^.!?]{0,30}\\)?\\s*\\.?$`,
    'i',
  ),
  /^(?:©|\(c\)\s|copyright\s)/i,
  // A credit closing a short caption: "… Tunis. © Jane Doe", "… | © Agency", "… (Quelle: A/B)", "…, photo: Archive".
  /(?:^|\s)©\s*[^.!?©]{1,80}$/,
  /[([]\s*(?:foto|fotos|bild|bilder|quelle|photo|photos|crédito|crédit|credit|credits|fot\.|źródło|image|imagen|immagine)\s*:[^()[\]]{1,80}[)\]]\s*\.?$/i,
  /(?:^|[.!?,|–—]\s*)(?:foto|fotos|bild|photo|fot\.|crédito|crédits? photos?|credit|imagen|zdjęcie)\s*:\s*[^.!?:]{1,60}$/i,
  // Chinese/Japanese captions: "图为…" ("pictured: …"), "（图片来源：…）", "写真は…".
  /^(?:图为|圖為|图片|圖片|写真[は：:])|[（(](?:图|圖|图片|圖片|写真)[^）)]{0,40}[）)]\s*$/,
]

/** Photo captions and credits: "Rescuers at the scene. (Photo: AP)", "Jane Doe/Getty Images". */
const PHOTO_WORD = /(?<!\p{L})(?:photo(?:graph)?|picture|image|foto|bild|imagen|zdjęci[eua])s?(?!\p{L})/iu
/** A caption's label is a few words: "Auf dem Foto zu sehen:", "Alle Fotos:", "Header image:". */
const MAX_CAPTION_LABEL = 25
const MAX_CAPTION_LABEL_WORDS = 5

/** A short label naming the photo before a colon opens a caption or credit, in any language that names it so. */
function hasPhotoLabel(text: string): boolean {
  const colon = text.search(/[:：]/)
  if (colon <= 0 || colon > MAX_CAPTION_LABEL) return false
  const label = text.slice(0, colon)
  return label.trim().split(/\s+/).length <= MAX_CAPTION_LABEL_WORDS && PHOTO_WORD.test(label)
}

export function isCaptionText(text: string): boolean {
  return hasPhotoLabel(text) || CAPTION_PATTERNS.some((re) => re.test(text))
}

/** Weekday names, long and short, in the languages Intl knows: datelines name the day in the page's language. */
const WEEKDAY_NAMES: ReadonlySet<string> = new Set(
  ['en', 'de', 'fr', 'es', 'it', 'pt', 'nl', 'pl', 'cs', 'sk', 'sv', 'da', 'nb', 'fi', 'hu', 'ro', 'hr', 'sl'].flatMap(
    (locale) =>
      (['long', 'short'] as const).flatMap((weekday) => {
        const format = new Intl.DateTimeFormat(locale, { weekday, timeZone: 'UTC' })
        return Array.from({ length: 7 }, (_, day) =>
          format
            .format(Date.UTC(2020, 5, 1 + day))
            .toLowerCase()
            .replace(/\.$/, ''),
        )
      }),
  ),
)
/** Words of three letters or fewer are the connectors of a date: "de", "el", "à", "am", "um", "o". */
const MAX_CONNECTOR = 3
const MAX_DATE_LINE = 80

/**
 * A date written as a line of its own in any language the date reader knows
 * ("miércoles, 11 de mayo de 2022 - 3:40 a.m.", "Publicado el 3 de marzo de
 * 2021", "Zuletzt geändert: 11.05.2022"): besides the date's own words, at
 * most one word (its label). "Die Wahl findet am 26. September 2021 statt." is a sentence.
 */
function isDateOnlyLine(text: string): boolean {
  if (weightedLength(text) > MAX_DATE_LINE || readDateText(text, null) === null) return false
  const words = text
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length > MAX_CONNECTOR && !isMonthName(word) && !WEEKDAY_NAMES.has(word))
  return words.length <= 1
}

/** A place named before a date, in a few capitalised words: "Managua, Nicaragua", "SAN JOSÉ". */
const MAX_PLACE_WORDS = 3

/**
 * A place and a stamp with year and clock time, as a line of its own:
 * "Managua, Nicaragua 26, Abril, 2022 7:43 p.m.". Every word besides the
 * date's own is a capitalised name; a sentence has lower-case words.
 */
function isPlacedStamp(text: string): boolean {
  if (weightedLength(text) > MAX_DATE_LINE || !/\b(?:19|20)\d{2}\b/.test(text)) return false
  if (!/\b\d{1,2}[:.h]\d{2}\b/.test(text)) return false
  const words = text
    .replace(TIME, ' ')
    .split(/[^\p{L}]+/u)
    .filter((word) => word.length > MAX_CONNECTOR && !isMonthName(word) && !WEEKDAY_NAMES.has(word.toLowerCase()))
  return words.length <= MAX_PLACE_WORDS && words.every((word) => /^\p{Lu}/u.test(word))
}

/**
 * A teaser of another page: its text cut short with "[…]" (the mark blogs
 * put where a post's summary stops). Footnote marks ("[12]") and bracketed
 * notes stay.
 */
const TEASER_END = /\[\s*(?:…|\.{3})\s*\]\s*$/u

export function classifyParagraph(text: string): Boilerplate | null {
  if (isPromo(text) || TEASER_END.test(text) || isPaywallOffer(text)) return 'promo'
  if (isDateline(text) || isDateOnlyLine(text)) return 'dateline'
  if (isBylineLine(text)) return 'byline'
  if (isDatedName(text)) return 'dateline'
  if (isCaptionText(text)) return 'caption'
  return classifyNotice(text) ?? (isPlacedStamp(text) ? 'dateline' : null)
}
