/**
 * Readability's article, asked for again when its first answer cannot be the
 * story: a container named as a form, a pop-up or an author's box (a
 * newsletter form's messages, a welcome overlay, the author's bio beside a
 * short post), or one without a single paragraph the excerpt would quote (a
 * table of names beside the story). The page is parsed again without that container
 * and Readability looks once more; its second answer is taken only when it
 * has running text of its own.
 */
import { FastReadability } from './readability.js'
import { collectBlocks } from './blocks.js'
import { descendantWithId } from './dom-walk.js'
import { AUTHOR_BOX_PARTNERS, nameWords } from './class-hints.js'
import { rejectParagraph } from './excerpt.js'
import { collapseWhitespace, readsAsRunningText } from './text.js'

type Article = ReturnType<FastReadability<Element>['parse']>

/** Names of containers that hold a form, a pop-up or an author's box, never the story. */
const NOT_STORY_WORDS: ReadonlySet<string> = new Set([
  'form',
  'dialog',
  'modal',
  'overlay',
  'popup',
  'newsletter',
  'subscribe',
  'signup',
  'login',
])
const NOT_STORY_ROLES: ReadonlySet<string> = new Set(['dialog', 'alertdialog', 'form'])
const AUTHOR_BOX = /^(?:author|autor)$/
/** Such containers are judged when they hold this share of the article's text; smaller ones are furniture in it. */
const MIN_SHARE = 0.25
/** A paragraph of running text: this long, holding or ending in a sentence. */
const MIN_RUNNING_TEXT = 80
const MAX_TRIES = 2

export function readArticle(document: Document, reparse: () => Document): Article {
  let article = parse(document, reparse)
  const fingerprints: Fingerprint[] = []
  for (let tries = 0; tries < MAX_TRIES && article?.content; tries++) {
    const rejected = rejectedContainers(article.content)
    if (rejected.length === 0) break
    fingerprints.push(...rejected.map(fingerprint))
    const without = () => {
      const fresh = reparse()
      for (const print of fingerprints) locate(fresh, print)?.remove()
      return fresh
    }
    const second = parse(without(), without)
    if (!second?.content || !hasRunningText(second.content)) break
    article = second
  }
  return article
}

function parse(document: Document, reparse: () => Document): Article {
  return new FastReadability<Element>(
    document,
    { keepClasses: true, serializer: (node) => node as Element },
    reparse,
  ).parse()
}

/** The containers Readability put together that cannot be the story; none when it may be. */
function rejectedContainers(content: Element): Element[] {
  const parts = topParts(content)
  if (!hasRunningText(content)) return parts
  const total = textLength(content)
  return parts.filter((part) => saysNotStory(part) && textLength(part) >= MIN_SHARE * total)
}

/** Readability wraps what it chose in a page div: the parts are that div's children. */
function topParts(content: Element): Element[] {
  return Array.from((descendantWithId(content, 'readability-page-1') ?? content).children)
}

function saysNotStory(el: Element): boolean {
  if (el.localName === 'form' || NOT_STORY_ROLES.has(el.getAttribute('role') ?? '')) return true
  const words = nameWords(`${el.getAttribute('class') ?? ''} ${el.id}`)
  return (
    words.some((word) => NOT_STORY_WORDS.has(word)) ||
    (words.some((word) => AUTHOR_BOX.test(word)) && words.some((word) => AUTHOR_BOX_PARTNERS.has(word)))
  )
}

/** A paragraph of running text, or (asked only when there is none) any block the excerpt would quote. */
function hasRunningText(content: Element): boolean {
  return (
    Array.from(content.getElementsByTagName('p')).some((p) =>
      readsAsRunningText(collapseWhitespace(p.textContent ?? ''), MIN_RUNNING_TEXT),
    ) || collectBlocks(content).some((block) => rejectParagraph(block, '') === null)
  )
}

const textLength = (el: Element) => (el.textContent ?? '').replace(/\s+/g, '').length

interface Fingerprint {
  first: string
  last: string
}

/** The first and last texts of a container: enough to find it again in a fresh parse of the page. */
function fingerprint(el: Element): Fingerprint {
  const texts = ownTexts(el)
  return { first: texts[0] ?? '', last: texts.at(-1) ?? '' }
}

function ownTexts(el: Element): string[] {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* NodeFilter.SHOW_TEXT */)
  const texts: string[] = []
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = collapseWhitespace(node.nodeValue ?? '')
    if (/[\p{L}\p{N}]/u.test(text)) texts.push(text)
  }
  return texts
}

/** The smallest element below the body that starts with the first text and holds the last. */
function locate(document: Document, { first, last }: Fingerprint): Element | null {
  if (!first || !document.body) return null
  const walker = document.createTreeWalker(document.body, 4 /* NodeFilter.SHOW_TEXT */)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (collapseWhitespace(node.nodeValue ?? '') !== first) continue
    for (let el = node.parentElement; el && el !== document.body; el = el.parentElement) {
      if (collapseWhitespace(el.textContent ?? '').includes(last)) return el
    }
  }
  return null
}
