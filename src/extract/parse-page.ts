/**
 * HTML → Document. A new JSDOM builds a whole window (its interfaces, its
 * globals) for every page, some 8% of a page's time; a window's DOMParser
 * makes only a document. But a window keeps every document its DOMParser
 * made until the window itself goes (+108 MiB per 40 pages), so the
 * documents are emptied once their page is read (releasePages): an empty
 * document weighs next to nothing (2.5 MiB per 40 pages), and a window then
 * serves many pages before it is let go. Documents made this way have no
 * address of their own: the digest resolves its URLs against the page's
 * address itself.
 */
import { JSDOM, VirtualConsole } from 'jsdom'

const PAGES_PER_WINDOW = 64

let window: JSDOM['window'] | undefined
let parsed = 0
let unreleased: Document[] = []

export function parsePage(html: string): Document {
  if (!window || parsed >= PAGES_PER_WINDOW) {
    window?.close()
    // Silent: parse complaints about a page's markup are not ours to log.
    window = new JSDOM('', { virtualConsole: new VirtualConsole() }).window
    parsed = 0
  }
  parsed++
  const document = new window.DOMParser().parseFromString(html, 'text/html')
  unreleased.push(document)
  return document
}

/** Empties every document parsed since the last call; nothing read from them may be used after. */
export function releasePages(): void {
  for (const document of unreleased) document.replaceChildren()
  unreleased = []
}
