import type { Block } from '../../src/extract/blocks.js'

/** A block of article text as collectBlocks makes it: a plain paragraph unless `over` says otherwise. */
export const block = (text: string, over: Partial<Block> = {}): Block => ({
  text,
  kind: 'p',
  caption: false,
  linkDensity: 0,
  dek: false,
  bold: false,
  italic: false,
  linkedLastSentence: false,
  furniture: false,
  ...over,
})
