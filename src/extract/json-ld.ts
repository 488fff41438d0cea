/**
 * Schema.org JSON-LD: the article node (NewsArticle, Article,
 * ReportageNewsArticle, BlogPosting, …), found in plain objects, arrays,
 * @graph lists or a WebPage's mainEntity, with @id references resolved.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
type Node = { [key: string]: Json }

export interface JsonLdArticle {
  authors: string[]
  publisher: string | null
  datePublished: string | null
  dateModified: string | null
  images: string[]
  /** schema.org isAccessibleForFree of the article or any of its parts; null when the page does not say. */
  accessibleForFree: boolean | null
}

const ARTICLE_TYPE =
  /^(?:Article|NewsArticle|AnalysisNewsArticle|AskPublicNewsArticle|BackgroundNewsArticle|OpinionNewsArticle|ReportageNewsArticle|ReviewNewsArticle|Report|SatiricalArticle|ScholarlyArticle|MedicalScholarlyArticle|SocialMediaPosting|BlogPosting|LiveBlogPosting|DiscussionForumPosting|TechArticle|APIReference|Review)$/
const PAGE_TYPE = /^(?:WebPage|ItemPage|AboutPage|ProfilePage|CollectionPage|QAPage)$/
/** Other works a page may be about (a recipe, a how-to, a video) that carry a publication date and authors. */
const WORK_TYPE = /^(?:Recipe|HowTo|VideoObject|AudioObject|PodcastEpisode|CreativeWork|MediaObject)$/
/** The keys read from a block that is not JSON ("@author": Jane Doe, unquoted): its quoted strings. */
const LOOSE_KEYS = /"(@type|datePublished|dateModified)"\s*:\s*"([^"\\]*)"/g
const MAX_DEPTH = 6

function isNode(value: Json | undefined): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function types(node: Node): string[] {
  const raw = node['@type']
  const list = Array.isArray(raw) ? raw : [raw]
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, ''))
}

function parseBlock(text: string): Json | undefined {
  const body = text
    .trim()
    .replace(/^<!\[CDATA\[|\]\]>$/g, '')
    .replace(/^<!--|-->$/g, '')
  try {
    return JSON.parse(body) as Json
  } catch {
    // Raw newlines/tabs inside strings are a common CMS bug; as spaces they parse.
    try {
      return JSON.parse(body.replace(/[\u0000-\u001f]+/g, ' ')) as Json
    } catch {
      return readLoosely(body)
    }
  }
}

/** A broken block's first type and dates: enough to date the page, never to name authors. */
function readLoosely(body: string): Node | undefined {
  const node: Node = {}
  for (const [, key, value] of body.matchAll(LOOSE_KEYS)) {
    if (!(key! in node)) node[key!] = value!
  }
  return node['@type'] === undefined ? undefined : node
}

function collect(value: Json | undefined, into: Node[], depth: number): void {
  if (depth > MAX_DEPTH || value === undefined) return
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into, depth + 1)
    return
  }
  if (!isNode(value)) return
  if (value['@type'] !== undefined) into.push(value)
  for (const key of ['@graph', 'mainEntity', 'mainEntityOfPage', 'hasPart'] as const) {
    const child = value[key]
    if (typeof child === 'object') collect(child, into, depth + 1)
  }
}

function firstString(value: Json | undefined): string | null {
  if (typeof value === 'string') return value.trim() || null
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = firstString(item)
      if (found) return found
    }
  }
  return null
}

const asBoolean = (value: Json | undefined): boolean | null =>
  typeof value === 'boolean'
    ? value
    : typeof value === 'string' && /^(true|false)$/i.test(value.trim())
      ? value.trim().toLowerCase() === 'true'
      : null

/** Paywalled articles mark themselves (Google's paywalled-content markup) on the article or on a hasPart. */
function readAccess(article: Node): boolean | null {
  const own = asBoolean(article['isAccessibleForFree'])
  const parts = article['hasPart']
  const partFlags = (Array.isArray(parts) ? parts : [parts]).map((part) =>
    isNode(part) ? asBoolean(part['isAccessibleForFree']) : null,
  )
  if (own === false || partFlags.includes(false)) return false
  return own ?? (partFlags.includes(true) ? true : null)
}

export function readJsonLd(blocks: readonly string[]): JsonLdArticle | null {
  const nodes: Node[] = []
  for (const block of blocks) collect(parseBlock(block), nodes, 0)
  const byId = new Map<string, Node>()
  for (const node of nodes) {
    const id = node['@id']
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, node)
  }
  const resolve = (value: Json | undefined): Json | undefined => {
    if (isNode(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
      return byId.get(value['@id']) ?? value
    }
    return value
  }
  const nameOf = (value: Json | undefined): string | null => {
    const v = resolve(value)
    if (typeof v === 'string') return /^https?:\/\//i.test(v.trim()) ? null : v.trim() || null
    if (isNode(v)) {
      const given = firstString(v['givenName'])
      const family = firstString(v['familyName'])
      return firstString(v['name']) ?? (given || family ? [given, family].filter(Boolean).join(' ') : null)
    }
    return null
  }

  const ofType = (re: RegExp) => nodes.find((n) => types(n).some((t) => re.test(t)))
  const page = ofType(PAGE_TYPE)
  const article = ofType(ARTICLE_TYPE) ?? ofType(WORK_TYPE) ?? page
  if (!article) return null

  const authorField = article['author']
  const authors = (Array.isArray(authorField) ? authorField : [authorField])
    .map((a) => nameOf(a))
    .filter((a): a is string => a !== null)
  const publisherField = article['publisher']
  const publisher = nameOf(Array.isArray(publisherField) ? publisherField[0] : publisherField)
  const images: string[] = []
  const imageField = article['image'] ?? article['thumbnailUrl']
  for (const item of Array.isArray(imageField) ? imageField : [imageField]) {
    const image = resolve(item)
    const url =
      typeof image === 'string' ? image : isNode(image) ? firstString(image['url'] ?? image['contentUrl']) : null
    if (url) images.push(url.trim())
  }
  return {
    accessibleForFree: readAccess(article),
    authors: [...new Set(authors)],
    publisher,
    // Some graphs date only the WebPage that holds the article.
    datePublished: firstString(article['datePublished']) ?? firstString(page?.['datePublished']),
    dateModified: firstString(article['dateModified']) ?? firstString(page?.['dateModified']),
    images,
  }
}
