import { reference } from './ascii-output.js'

type AstNode = string | { t: string; val: string; lineNo?: number }

/**
 * An Eta plugin that writes the templates' own non-ASCII characters (separators, quotes, arrows)
 * as character references, or as CSS escapes inside a style element. A page whose bytes are all
 * ASCII is decoded by clients on their fast path (Node, which HTTP benchmarks and many scrapers run
 * on, decodes an all-ASCII body several times faster), at no cost to a browser. Text from members
 * and sources goes through the data, not the template, and stays UTF-8.
 */
export const asciiTemplateText = {
  processAST(ast: AstNode[]): AstNode[] {
    let inStyle = false
    return ast.map((node) => {
      if (typeof node !== 'string') return node
      return node
        .split(/(<\/?style\b[^>]*>)/i)
        .map((part) => {
          if (/^<style\b/i.test(part)) inStyle = true
          else if (/^<\/style/i.test(part)) inStyle = false
          return part.replace(/[^\x00-\x7f]/gu, (ch) =>
            // The AST's text is already escaped for the JavaScript string Eta compiles it into.
            inStyle ? `\\\\${ch.codePointAt(0)!.toString(16)} ` : reference(ch),
          )
        })
        .join('')
    })
  },
}
