/**
 * Where an element sits on the page (the article, navigation and asides, or
 * elsewhere), and which <h1> is the page's headline: a date or an author's
 * name counts only where it can be the article's own.
 */

const OUTSIDE_ARTICLE: ReadonlySet<string> = new Set(['nav', 'aside'])
const ARTICLE_PARTS: ReadonlySet<string> = new Set(['article', 'main', 'header'])
/** Parts beside the article: their dates are a list's, a fact box's ("infobox") or a cited source's. */
export const ASIDE_CLASS =
  /comment|related|sidebar|widget|teaser|recommend|popular|trending|most-read|promo|footer|menu|infobox|citation|reference/i
/** Shorter than this, an <h1> is the site's logo, whose neighbours may print today's date. */
const MIN_HEADLINE = 15

export const textOf = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()

/**
 * Where an element sits, itself included: inside the article/its header
 * (good), in navigation, comments, related links (bad), or elsewhere. The
 * body's classes describe the layout ("right-sidebar"), not a part of it, and
 * so do those of any element around the page's headline ("content
 * with-sidebar", "node--promoted"): no aside holds the headline. A footer
 * inside the article (an <article>, or an hAtom "hentry" as Blogger marks a
 * post) is the article's own ("Posted by … at 18:52").
 */
export function placeOf(
  el: Element,
  aside: RegExp = /comment|related/i,
  headline: Element | null = null,
): 'article' | 'outside' | 'elsewhere' {
  let place: 'article' | 'elsewhere' = 'elsewhere'
  let inFooter = false
  for (let node: Element | null = el; node && node.localName !== 'body'; node = node.parentElement) {
    const name = node.localName
    const hints = headline && node.contains(headline) ? '' : `${node.getAttribute('class') ?? ''} ${node.id}`
    if (OUTSIDE_ARTICLE.has(name) || aside.test(hints.replace(/footer/gi, ''))) return 'outside'
    if (name === 'footer' || /footer/i.test(hints)) inFooter = true
    const isEntry = name === 'article' || /\bhentry\b/.test(node.getAttribute('class') ?? '')
    if (isEntry) inFooter = false
    if (isEntry || ARTICLE_PARTS.has(name)) place = 'article'
  }
  return inFooter ? 'outside' : place
}

/**
 * The page's first <h1> when it is a headline: not a logo's few words, nor a
 * heading in navigation or an <aside>. Classes around it are not asked: they
 * name the layout it sits in ("contentWithSidebar").
 */
export function headlineOf(heading: Element | null): Element | null {
  return heading && textOf(heading).length >= MIN_HEADLINE && placeOf(heading, ASIDE_CLASS, heading) !== 'outside'
    ? heading
    : null
}
