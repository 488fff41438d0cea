/**
 * Sites whose one article lives at several addresses: a video inside a
 * playlist or behind a short link, an arXiv paper's abstract and its PDF, an
 * RFC as HTML, text or its info page. Each rule maps them to one key.
 */

export interface KeyParts {
  /** The site (see siteOf), without port. */
  host: string
  /** Path without a trailing slash ('' for the home page). */
  path: string
  params: [string, string][]
}

const only = (params: [string, string][], name: string) => params.filter(([n]) => n === name)

function youtube(parts: KeyParts): KeyParts {
  const video = /^\/(?:shorts|embed|live|v)\/([\w-]+)$/.exec(parts.path)
  if (video) return { host: 'youtube.com', path: '/watch', params: [['v', video[1]!]] }
  // Where in a playlist, from when, or who shared it: still the same video or list.
  if (parts.path === '/watch') return { ...parts, params: only(parts.params, 'v') }
  if (parts.path === '/playlist') return { ...parts, params: only(parts.params, 'list') }
  return parts
}

function youtubeShortLink(parts: KeyParts): KeyParts {
  const id = /^\/([\w-]+)$/.exec(parts.path)?.[1]
  return id ? { host: 'youtube.com', path: '/watch', params: [['v', id]] } : parts
}

function arxiv(parts: KeyParts): KeyParts {
  const paper = /^\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?$/.exec(parts.path)?.[1]
  return paper ? { ...parts, path: `/abs/${paper}` } : parts
}

/** Every address of RFC n, on the RFC Editor's site or the IETF's, is rfc-editor.org/rfc/n. */
function rfc(pattern: RegExp) {
  return (parts: KeyParts): KeyParts => {
    const n = pattern.exec(parts.path)?.[1]
    return n ? { host: 'rfc-editor.org', path: `/rfc/${Number(n)}`, params: [] } : parts
  }
}

const RULES: ReadonlyMap<string, (parts: KeyParts) => KeyParts> = new Map([
  ['youtube.com', youtube],
  ['youtube-nocookie.com', youtube],
  ['youtu.be', youtubeShortLink],
  ['arxiv.org', arxiv],
  ['rfc-editor.org', rfc(/^\/(?:rfc|info)\/rfc(\d+)(?:\.(?:html|txt|pdf|xml))?$/i)],
  ['datatracker.ietf.org', rfc(/^\/doc\/(?:html\/)?rfc(\d+)(?:\.(?:html|txt|pdf))?$/i)],
  ['tools.ietf.org', rfc(/^\/(?:html|rfc)\/rfc(\d+)(?:\.(?:html|txt|pdf))?$/i)],
])

export function sameArticle(parts: KeyParts): KeyParts {
  return RULES.get(parts.host)?.(parts) ?? parts
}
