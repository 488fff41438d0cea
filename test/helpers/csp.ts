import { createHash } from 'node:crypto'

/** The CSP source that allows each inline `<style>` of a page: the SHA-256 of its text, as CSP writes it. */
export const inlineStyleSources = (html: string): string[] =>
  [...html.matchAll(/<style[^>]*>([^<]*)<\/style>/g)].map(
    ([, css]) => `'sha256-${createHash('sha256').update(css!, 'utf8').digest('base64')}'`,
  )
