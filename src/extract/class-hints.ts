/**
 * What an element's class, id, itemprop, tag and contents say it is: a
 * caption or credit (by name, or a photo with a line of loose text), a dek, hidden text, a hover card, or page furniture (comments,
 * related links, share bars, author boxes, newsletter boxes, breadcrumbs,
 * tags, post metadata). Words are matched whole, split at -, _ and camelCase,
 * so "shadow" never reads as "ad".
 */
import { hasDescendantTag } from './dom-walk.js'
import { collapseWhitespace, endsLikeSentence, weightedLength } from './text.js'

/** A dek is a sentence or two; a "summary" wrapper longer than this holds the body, not a dek. */
const MAX_DEK_CHARS = 600

const SCREEN_READER_ONLY =
  /(?:^|\s)(?:sr-only|visually-?hidden|screen-?reader-?(?:text|only)|a11y-hidden|offscreen)(?:\s|$)/i
/**
 * A whole class token that hides what it names until a script shows it: a
 * form's messages, "no results", an empty state. Responsive ones such as
 * "hidden-xs" hide only on some screens and are not matched.
 */
const HIDING_CLASS = /(?:^|\s)(?:hidden|is-hidden|d-none|hide|js-hidden|u-hidden)(?:\s|$)/i
const CAPTION_WORDS: ReadonlySet<string> = new Set([
  'caption',
  'captions',
  'figcaption',
  'credit',
  'credits',
  'cutline',
  'legend',
  'legende',
  'leyenda',
  'didascalia',
  'bildunterschrift',
  'bildtext',
  'copyright',
])
// "no_caption", "without-caption": a class saying an item has no caption.
const NEGATED_CAPTION = /(?<![a-z])(?:no|non|without)[-_]?caption\w*/gi
const DEK_WORDS: ReadonlySet<string> = new Set([
  'dek',
  'standfirst',
  'strapline',
  'subtitle',
  'subheadline',
  'summary',
  'description',
  'alternativeheadline',
  'abstract',
  // A post's hand-written excerpt, shown over the post as its dek.
  'excerpt',
])
/**
 * A teaser may be the story's own dek (German sites' "article-teaser") or a card for another
 * page. Only a box named as a teaser (a class ending in the word: not "teaser__meta" nor
 * "teaser-title", the parts of a card) that holds neither a heading nor a link is a dek.
 */
const TEASER = 'teaser'

const SITE_WORDS: ReadonlySet<string> = new Set(['site', 'blog'])
const FURNITURE_WORDS: ReadonlySet<string> = new Set([
  'comment',
  'comments',
  'commentlist',
  'respond',
  'disqus',
  'related',
  'relatedposts',
  'recommended',
  'recommendations',
  'share',
  'sharing',
  'sharedaddy',
  'shariff',
  'addthis',
  'social',
  'newsletter',
  'subscribe',
  'signup',
  'promo',
  'advert',
  'advertisement',
  'ad',
  'ads',
  'sponsor',
  'sponsored',
  'breadcrumb',
  'breadcrumbs',
  'tags',
  'tagcloud',
  'pagination',
  'navigation',
  'rating',
  'ratings',
  'pullquote',
  'authorbox',
  'postmetadata',
  // A box telling the reader something about the page: "Added to your cart", "JavaScript is off", an ad-blocker plea.
  'alert',
  'toast',
  // A dialog laid over the page: a welcome, a language choice, a donation plea, a form's error.
  'modal',
  'overlay',
])
/** ARIA roles of messages and dialogs laid over the page. */
const FURNITURE_ROLES: ReadonlySet<string> = new Set(['alert', 'alertdialog', 'dialog'])
/** Words that, beside "author", name the box about the writer: "author-bio", "authorCard". */
export const AUTHOR_BOX_PARTNERS: ReadonlySet<string> = new Set([
  'bio',
  'box',
  'info',
  'about',
  'card',
  'profile',
  'description',
])
/** Two words that together name furniture: "author-bio", "entry-meta", "author-meta", "pull-quote", "more-stories". */
const FURNITURE_PAIRS: ReadonlyArray<readonly [string, ReadonlySet<string>]> = [
  ['author', AUTHOR_BOX_PARTNERS],
  ['autor', new Set(['bio', 'box', 'info'])],
  ['meta', new Set(['entry', 'post', 'article', 'author'])],
  ['footer', new Set(['entry', 'post', 'article'])],
  ['quote', new Set(['pull', 'highlight', 'highlighted'])],
  ['stories', new Set(['more', 'other', 'recent'])],
]
const FURNITURE_TAGS: ReadonlySet<string> = new Set(['aside', 'nav'])
const HOVER_CARD_WORDS: ReadonlySet<string> = new Set(['hovercard', 'tooltip', 'popover', 'rollover', 'tippy', 'popup'])
/** Words naming the box of an embedded video or player. */
const MEDIA_WORDS: ReadonlySet<string> = new Set(['video', 'player', 'embed', 'youtube', 'vimeo', 'iframe'])
const MEDIA_TAGS: ReadonlySet<string> = new Set(['video', 'iframe', 'embed', 'object'])

/** Words of class/id, split at -, _ and camelCase: "photoCredit", "image-credit", "l-article__dek". */
export function nameWords(names: string): string[] {
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .map((word) => word.toLowerCase())
}

const classAndId = (el: Element) => `${el.getAttribute('class') ?? ''} ${el.id}`
/** Most elements have neither: they are answered without splitting names. */
const isNamed = (el: Element) => el.hasAttribute('class') || el.hasAttribute('id')

/** Words naming a photo and, beside one, its text: "image-description", "photo-info", "bild-subtitle". */
const PHOTO_NAME_WORDS: ReadonlySet<string> = new Set(['image', 'img', 'photo', 'foto', 'picture', 'pic', 'bild'])
const PHOTO_TEXT_WORDS: ReadonlySet<string> = new Set(['description', 'desc', 'info', 'subtitle'])
/** A photo's text is a line or two; a box so named that holds more is a layout block of text beside an image. */
const MAX_PHOTO_TEXT = 300

export function saysCaption(el: Element): boolean {
  if (!isNamed(el)) return false
  const names = classAndId(el).replace(NEGATED_CAPTION, ' ')
  if (/caption/i.test(names)) return true
  const words = nameWords(names)
  return (
    words.some((word) => CAPTION_WORDS.has(word)) ||
    (words.some((word) => PHOTO_NAME_WORDS.has(word)) &&
      words.some((word) => PHOTO_TEXT_WORDS.has(word)) &&
      (el.textContent ?? '').length <= MAX_PHOTO_TEXT)
  )
}

export function isDek(el: Element): boolean {
  return (
    (el.localName === 'header' || saysDek(el)) &&
    weightedLength(collapseWhitespace(el.textContent ?? '')) <= MAX_DEK_CHARS
  )
}

/**
 * The element is news markup's abstract (NITF and the agency feeds built on it, JATS), or its
 * class or itemprop says dek, standfirst, subtitle, summary or description, or the class names
 * the box a teaser.
 */
export function saysDek(el: Element): boolean {
  if (el.localName === 'abstract') return true
  const itemprop = (el.getAttribute('itemprop') ?? '').toLowerCase().split(/\s+/)
  // Some blogs mark the whole post "description articleBody".
  if (itemprop.includes('articlebody')) return false
  // Each class's words: "article-teaser news" is ["article", "teaser"] and ["news"].
  const classes = (el.getAttribute('class') ?? '').split(/\s+/).map(nameWords)
  const words = classes.flat()
  // "site-description", "blog-description": the site's tagline under its name, the same on every page.
  if (words.some((word) => SITE_WORDS.has(word))) return false
  return (
    itemprop.some((word) => DEK_WORDS.has(word)) ||
    words.some((word) => DEK_WORDS.has(word)) ||
    // A class ending in "teaser" names the box a teaser, not a part of one.
    (classes.some((names) => names.at(-1) === TEASER) && el.querySelector('a[href], h1, h2, h3, h4, h5, h6') === null)
  )
}

export function isHidden(el: Element): boolean {
  return (
    el.hasAttribute('hidden') ||
    el.getAttribute('aria-hidden') === 'true' ||
    SCREEN_READER_ONLY.test(el.getAttribute('class') ?? '') ||
    HIDING_CLASS.test(el.getAttribute('class') ?? '')
  )
}

/**
 * A pop-up card about a linked name, whose text would otherwise be glued
 * into the sentence. A wrapper named like one that starts with the link
 * itself holds the name and its card: only the card goes.
 */
export function isHoverCard(el: Element): boolean {
  if (el.getAttribute('role') === 'tooltip') return true
  if (!isNamed(el)) return false
  return nameWords(classAndId(el)).some((w) => HOVER_CARD_WORDS.has(w)) && el.firstElementChild?.localName !== 'a'
}

/**
 * Where an embedded video sits: its own element, or (its player dropped
 * before parsing) an empty box named for it ("fr-video", "embed-responsive").
 */
export function isMediaPlaceholder(el: Element): boolean {
  if (MEDIA_TAGS.has(el.localName)) return true
  if (!isNamed(el) || !nameWords(classAndId(el)).some((word) => MEDIA_WORDS.has(word))) return false
  return !/[\p{L}\p{N}]/u.test(el.textContent ?? '')
}

/**
 * Named as page furniture. The caller checks the element holds a small part
 * of the article: a wrapper named "post-share-enabled" holds the whole post.
 */
export function saysFurniture(el: Element): boolean {
  if (FURNITURE_TAGS.has(el.localName) || FURNITURE_ROLES.has(el.getAttribute('role') ?? '')) return true
  if (!isNamed(el)) return false
  if ((el.getAttribute('itemprop') ?? '').toLowerCase().includes('articlebody')) return false
  const words = new Set(nameWords(classAndId(el)))
  for (const word of words) if (FURNITURE_WORDS.has(word)) return true
  return FURNITURE_PAIRS.some(([word, partners]) => words.has(word) && [...partners].some((p) => words.has(p)))
}

/** An image and at most this much text in one small box: the image and its caption, however the box is named. */
const MAX_IMAGE_BOX_TEXT = 200
/** Images this small (width or height attribute) are icons and emoji, not photos. */
const MIN_PHOTO_SIDE = 64
const SECTION_TAGS: ReadonlySet<string> = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

function isPhoto(img: Element): boolean {
  const sides = [img.getAttribute('width'), img.getAttribute('height')].map((v) => Number.parseInt(v ?? '', 10))
  return !sides.some((side) => Number.isFinite(side) && side < MIN_PHOTO_SIDE)
}

/**
 * A box holding a photo and a line or two of loose text: that text is the
 * photo's caption. Readability turns such a <div> into a <p>, so a paragraph
 * counts too when the photo comes before a line that is not a sentence
 * (a caption with its credit).
 */
function holdsImageAndCaption(el: Element): boolean {
  // Paragraphs, lists and headings in the box make it a step of a recipe or a section, not a caption.
  if (hasDescendantTag(el, SECTION_TAGS)) return false
  const length = (el.textContent ?? '').replace(/\s+/g, '').length
  if (length === 0 || length > MAX_IMAGE_BOX_TEXT) return false
  const images = Array.from(el.getElementsByTagName('img')).filter(isPhoto)
  if (el.localName !== 'p') return images.length > 0
  // A paragraph that opens with a photo floated beside it and reads as a sentence is the lede.
  if (endsLikeSentence(collapseWhitespace(el.textContent ?? ''))) return false
  const first = images[0]
  return first !== undefined && (first.compareDocumentPosition(firstText(el) ?? first) & 4) !== 0
}

/** How far above a photo its caption box may sit. */
const MAX_BOX_DEPTH = 4

/**
 * The elements that hold a photo and its caption: only a photo's near
 * ancestors are asked, so the page's other elements cost nothing.
 */
export function photoBoxes(root: Element): Set<Element> {
  const boxes = new Set<Element>()
  const asked = new Set<Element>()
  const images = root.getElementsByTagName('img')
  for (let i = 0; i < images.length; i++) {
    let el = images[i]!.parentElement
    for (let depth = 0; el && el !== root && depth < MAX_BOX_DEPTH; depth++, el = el.parentElement) {
      if (asked.has(el)) break
      asked.add(el)
      if (holdsImageAndCaption(el)) boxes.add(el)
    }
  }
  return boxes
}

/** The first text node with letters or digits inside `el`. */
function firstText(el: Element): Node | null {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (/[\p{L}\p{N}]/u.test(node.nodeValue ?? '')) return node
  }
  return null
}
