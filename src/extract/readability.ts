/**
 * Readability with some of its steps answered faster under jsdom, giving
 * the same article:
 * - It finds the elements of some tags with `querySelectorAll("p,div,…")`,
 *   which jsdom answers through a full CSS selector engine. A tree walker
 *   with a tag-name test gives the same elements in the same (document)
 *   order, as a static list like querySelectorAll's, in half the time. (Not
 *   getElementsByTagName: copying jsdom's live collection out costs a
 *   thousand times more.)
 *   The same goes for the elements it reads through a live collection
 *   (`getElementsByTagName`): the links whose text its link density
 *   weighs, and the page's images and <noscript>s it looks over once.
 * - Its visibility test reads `node.style` of every element, and jsdom
 *   builds a CSS declaration object for each; an element without a style
 *   attribute has no inline display or visibility to read.
 * - Before looking for the article it keeps the page as HTML (serializing
 *   the body) and, when the first try finds too little text, parses that
 *   HTML back to try again with looser rules. Few pages need a second try,
 *   so nothing is kept up front: the first retry parses the page again and
 *   prepares it as Readability prepared the first (the caller's `reparse`),
 *   and keeps that prepared body, handing out a copy of it; each later retry
 *   gets another copy. Copying costs a sixth of parsing and preparing: on
 *   the corpora's pages that retry, fewer need just one retry (where the
 *   copy is extra) than need two or three. After the last try, with no
 *   rule left to loosen, it restores the page all the same and then only
 *   compares the articles it found: that restoring is skipped.
 * - Its byline test reads the text of every element it visits, the page's
 *   whole text at the top, before asking whether the element is marked as a
 *   byline at all; its empty-element test reads a div's whole text to learn
 *   whether any of it is not blank. Both ask in the cheap order here.
 *
 * It also leaves out what only a reader of the article's HTML needs, since
 * the digest reads the article's text and which elements hold it: links and
 * images keep the addresses the page gave them (Readability makes them
 * absolute, and copies a lazy image's address into its `src`), and elements
 * keep their presentational attributes (align, border…). A link to
 * `javascript:` still becomes its text, and a figure with a lazy image's
 * address but no image still gets one. These passes were a twentieth of a
 * page's time: jsdom resolves an image's `src` against the document's base
 * URL when Readability reads it.
 */
import { Readability } from '@mozilla/readability'

const ELEMENT_NODE = 1
const TEXT_NODE = 3
const SHOW_ELEMENT = 1
// textContent is the data of these two kinds of node under an element.
const SHOW_TEXT_AND_CDATA = 4 | 8

/** As `node.textContent.trim() !== ''`, stopping at the first text that is not blank. */
function hasText(node: Node): boolean {
  const walker = node.ownerDocument!.createTreeWalker(node, SHOW_TEXT_AND_CDATA)
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    if (/\S/.test(text.nodeValue ?? '')) return true
  }
  return false
}

/**
 * The first attribute holding an image's address, as Readability's lazy-image
 * fix reads it: an image set ("a.jpg 2x") or a lone image address.
 */
function lazyImageSource(el: Element): { copyTo: 'src' | 'srcset'; value: string } | null {
  for (const { name, value } of el.attributes) {
    if (name === 'src' || name === 'srcset' || name === 'alt') continue
    if (/\.(jpg|jpeg|png|webp)\s+\d/.test(value)) return { copyTo: 'srcset', value }
    if (/^\s*\S+\.(jpg|jpeg|png|webp)\S*\s*$/.test(value)) return { copyTo: 'src', value }
  }
  return null
}

/** What keeps an image through Readability's sweep of placeholder images. */
function hasImageAddress(img: Element): boolean {
  for (const { name, value } of img.attributes) {
    if (name === 'src' || name === 'srcset' || name === 'data-src' || name === 'data-srcset') return true
    if (/\.(jpg|jpeg|png|webp)/i.test(value)) return true
  }
  return false
}

interface Internals {
  _getInnerText(el: Element, normalizeSpaces?: boolean): string
  _grabArticle(page?: Element | null): Element | null
  _unwrapNoscriptImages(doc: Document): void
  _removeScripts(doc: Document): void
  _prepDocument(): void
  _isProbablyVisible(node: Element): boolean
  _isValidByline(node: Element, matchString: string): boolean
  _doc: Document
  _flags: number
  REGEXPS: { byline: RegExp; hashUrl: RegExp }
}

const base = Readability.prototype as unknown as Internals

export class FastReadability<T> extends Readability<T> {
  readonly #reparse: () => Document
  /** The body as prepared for the first try, kept once a retry needs it. */
  #prepared: Element | undefined

  /** `reparse` parses the same page again, as `document` was parsed. */
  constructor(document: Document, options: ConstructorParameters<typeof Readability<T>>[1], reparse: () => Document) {
    super(document, options)
    this.#reparse = reparse
  }

  _getAllNodesWithTag(node: Element | Document, tagNames: readonly string[]): Element[] {
    // Readability names some tags in capitals ("SPAN", "LI"), which selectors match in any case.
    const wanted = new Set(tagNames.map((tag) => tag.toLowerCase()))
    const document = node.ownerDocument ?? (node as Document)
    const walker = document.createTreeWalker(node, SHOW_ELEMENT)
    const found: Element[] = []
    for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
      if (wanted.has(el.localName)) found.push(el)
    }
    return found
  }

  _getLinkDensity(element: Element): number {
    const self = this as unknown as Internals
    const textLength = self._getInnerText(element).length
    if (textLength === 0) return 0
    let linkLength = 0
    for (const link of this._getAllNodesWithTag(element, ['a'])) {
      const href = link.getAttribute('href')
      const coefficient = href && self.REGEXPS.hashUrl.test(href) ? 0.3 : 1
      linkLength += self._getInnerText(link).length * coefficient
    }
    return linkLength / textLength
  }

  _unwrapNoscriptImages(doc: Document): void {
    const found = this._getAllNodesWithTag(doc, ['img', 'noscript'])
    // A page whose <noscript>s were all cleaned away, as most are: only the images without an address go.
    if (found.some((el) => el.localName === 'noscript')) return base._unwrapNoscriptImages.call(this, doc)
    for (const img of found) {
      if (!hasImageAddress(img)) img.remove()
    }
  }

  _cleanStyles(): void {
    // Presentational attributes only: see the top of this file.
  }

  _fixRelativeUris(content: Element): void {
    for (const link of this._getAllNodesWithTag(content, ['a'])) {
      if (!link.getAttribute('href')?.startsWith('javascript:')) continue
      const doc = link.ownerDocument
      let replacement: Node
      if (link.childNodes.length === 1 && link.firstChild!.nodeType === TEXT_NODE) {
        replacement = doc.createTextNode(link.textContent ?? '')
      } else {
        replacement = doc.createElement('span')
        while (link.firstChild) replacement.appendChild(link.firstChild)
      }
      link.parentNode!.replaceChild(replacement, link)
    }
  }

  _fixLazyImages(root: Element): void {
    for (const figure of this._getAllNodesWithTag(root, ['figure'])) {
      const source = lazyImageSource(figure)
      if (!source || this._getAllNodesWithTag(figure, ['img', 'picture']).length > 0) continue
      const img = figure.ownerDocument.createElement('img')
      img.setAttribute(source.copyTo, source.value)
      figure.appendChild(img)
    }
  }

  _isProbablyVisible(node: Element): boolean {
    if (node.hasAttribute('style')) return base._isProbablyVisible.call(this, node)
    return (
      !node.hasAttribute('hidden') &&
      (node.getAttribute('aria-hidden') !== 'true' ||
        (typeof node.className === 'string' && node.className.includes('fallback-image')))
    )
  }

  _isValidByline(node: Element, matchString: string): boolean {
    if (
      node.getAttribute('rel') !== 'author' &&
      !node.getAttribute('itemprop')?.includes('author') &&
      !(this as unknown as Internals).REGEXPS.byline.test(matchString)
    ) {
      return false
    }
    return base._isValidByline.call(this, node, matchString)
  }

  _isElementWithoutContent(node: Node): boolean {
    if (node.nodeType !== ELEMENT_NODE || hasText(node)) return false
    const el = node as Element
    if (el.childElementCount === 0) return true
    let breaks = 0
    const walker = el.ownerDocument.createTreeWalker(el, SHOW_ELEMENT)
    for (let d = walker.nextNode() as Element | null; d; d = walker.nextNode() as Element | null) {
      if (d.localName === 'br' || d.localName === 'hr') breaks++
    }
    return el.childElementCount === breaks
  }

  _grabArticle(page?: Element | null): Element | null {
    const self = this as unknown as Internals
    const body = page ?? self._doc.body
    if (!body) return base._grabArticle.call(this, page)
    // Readability reads `innerHTML` once to keep the page and writes it back before each retry.
    Object.defineProperty(body, 'innerHTML', {
      configurable: true,
      get: () => '',
      set: () => {
        if (self._flags !== 0) body.replaceChildren(...this.#preparedBody())
      },
    })
    try {
      return base._grabArticle.call(this, page)
    } finally {
      delete (body as { innerHTML?: string }).innerHTML
    }
  }

  /** A copy of the page's body as Readability's parse() had it when it first looked for the article. */
  #preparedBody(): Node[] {
    this.#prepared ??= this.#prepare()
    return Array.from(this.#prepared.cloneNode(true).childNodes)
  }

  #prepare(): Element {
    const self = this as unknown as Internals
    const fresh = this.#reparse()
    const doc = self._doc
    self._doc = fresh
    try {
      self._unwrapNoscriptImages(fresh)
      self._removeScripts(fresh)
      self._prepDocument()
    } finally {
      self._doc = doc
    }
    return fresh.body
  }
}
