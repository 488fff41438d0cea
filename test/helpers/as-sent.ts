import { reference } from '../../src/render/ascii-output.js'

/**
 * Text as a page sends it: what is beyond ASCII written as character references (render/ascii-output.ts),
 * for tests that look for words in a page's HTML.
 */
export const asSent = (html: string) => html.replace(/[^\x00-\x7f]/gu, reference)
