/**
 * Element searches answered with a tree walker. jsdom answers
 * querySelector() through a full CSS selector engine, whose set-up alone
 * costs more than walking a small subtree; a tag-name test in a walker
 * finds the same elements.
 */

const SHOW_ELEMENT = 1

/** As `root.querySelector(tags.join(', ')) !== null` for plain tag names (lower case). */
export function hasDescendantTag(root: Element, tags: ReadonlySet<string>): boolean {
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_ELEMENT)
  for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
    if (tags.has(el.localName)) return true
  }
  return false
}

/** As `root.querySelector('#' + id)`: the first element below `root` with that id. */
export function descendantWithId(root: Element, id: string): Element | null {
  const walker = root.ownerDocument.createTreeWalker(root, SHOW_ELEMENT)
  for (let el = walker.nextNode() as Element | null; el; el = walker.nextNode() as Element | null) {
    if (el.id === id) return el
  }
  return null
}

/** The next element in document order. */
export function nextElement(el: Element): Element | null {
  return el.firstElementChild ?? afterSubtree(el)
}

/** The next element in document order after `el` and everything inside it. */
export function afterSubtree(el: Element): Element | null {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (node.nextElementSibling) return node.nextElementSibling
  }
  return null
}
