/**
 * Fetched page → digest: headline, byline, site, dateline and a fair-use
 * excerpt of the first paragraphs. jsdom + Readability do the heavy lifting;
 * the page is pre-cleaned (see clean-html.ts) because jsdom is slow and, on
 * some style sheets, throws.
 */
import { DigestFailure } from '../digest/failure.js'
import { isBotCheck, isPaywalled } from './access.js'
import { collectBlocks } from './blocks.js'
import { cleanByline, withoutSiteName } from './byline.js'
import { withoutBlankRuns } from './blank-text.js'
import { cleanHtml } from './clean-html.js'
import type { TimePrecision } from './dates.js'
import { readDatelines } from './datelines.js'
import { joinDropCaps } from './drop-caps.js'
import { articleText } from './article-text.js'
import { findStandfirst, quotableParagraphs, selectExcerpt, type ExcerptOptions } from './excerpt.js'
import { readJsonLd } from './json-ld.js'
import { addLeadIn, outlinePage } from './lead-in.js'
import { absoluteHttpUrl, readPageMetadata } from './metadata.js'
import { parsePage, releasePages } from './parse-page.js'
import { readArticle } from './second-opinion.js'
import { markSetApartDek } from './set-apart-dek.js'
import { findHeaderDek, separateStandfirst } from './standfirst.js'
import { collapseWhitespace, weightedLength } from './text.js'
import { finishTitle, hostLabel, siteKey, stripAuthor, stripSiteName } from './title.js'

export interface Digest {
  title: string
  byline: string | null
  siteName: string | null
  lang: string | null
  /** ISO 8601 with offset or Z; only the date ("2016-04-06") when the page never says which zone its clock is in. */
  publishedTime: string | null
  /** 'date' when publishedTime has no time of day; null when there is no publishedTime. */
  publishedTimePrecision: TimePrecision | null
  modifiedTime: string | null
  modifiedTimePrecision: TimePrecision | null
  canonicalUrl: string | null
  imageUrl: string | null
  /** The dek the page sets under its headline, apart from the excerpt; null when it has none. */
  standfirst: string | null
  /** The first paragraphs of the article, plain text, starting with the lede. */
  excerpt: string[]
  /** The whole article as plain text, paragraphs separated by blank lines. */
  text: string
  /** The source keeps the article for subscribers; the excerpt is the part it shows everyone. */
  paywalled: boolean
}

/** How much to quote: the excerpt's own options (excerpt.ts). */
export type { ExcerptOptions as ExtractOptions } from './excerpt.js'

/** Below this much quotable prose (CJK counting double) the page is not an article. */
const MIN_ARTICLE_LENGTH = 150

export function extractDigest(html: string, url: string, options: ExcerptOptions): Digest {
  try {
    return digestOf(html, url, options)
  } finally {
    releasePages()
  }
}

function digestOf(html: string, url: string, options: ExcerptOptions): Digest {
  const cleaned = cleanHtml(html)
  const trimmed = withoutBlankRuns(cleaned.html)
  const document = parsePage(trimmed)
  const page = readPageMetadata(document, url)
  const jsonLd = readJsonLd(cleaned.jsonLd)
  const meta = page.meta
  const documentTitle = document.title
  if (isBotCheck(documentTitle, html, () => document.body?.textContent?.length ?? 0)) {
    throw new DigestFailure('refused', 'The site showed us a bot check instead of the article.', true)
  }
  const paywalled = isPaywalled(jsonLd?.accessibleForFree ?? null, meta)

  const { published, modified } = readDatelines(document, page, jsonLd)
  // Read before Readability, which may drop the story's header with its dek.
  const headerDek = findHeaderDek(document, firstText(meta.get('og:title'), documentTitle) ?? '')

  const outline = outlinePage(document)
  const article = readArticle(document, () => parsePage(trimmed))
  const content = article?.content
  if (!article || !content) throw paywalled ? subscribersOnly() : notArticle()

  const siteName = chooseSiteName(firstText(meta.get('og:site_name')), firstText(jsonLd?.publisher), article.siteName)
  const rawTitle = firstText(article.title, meta.get('og:title'), documentTitle, page.firstHeading) ?? ''
  const byline = firstByline(
    [
      jsonLd?.authors,
      ...page.metaAuthors,
      ...page.pageAuthors.marked,
      page.pageAuthors.printed,
      article.byline,
      page.pageAuthors.named,
    ],
    siteName,
  )
  // "Headline | Site" loses the site; an opinion page's "Headline | Columnist" loses the columnist too.
  const title = stripAuthor(stripSiteName(rawTitle, [siteName], url), byline)

  addLeadIn(content, outline, title)
  joinDropCaps(content)
  const blocks = markSetApartDek(collectBlocks(content), title)
  const { standfirst, paragraphs } = separateStandfirst(
    quotableParagraphs(blocks, title, [siteName, hostLabel(url)], byline),
    findStandfirst(blocks, title),
    headerDek,
  )
  const quotable = paragraphs.reduce((sum, p) => sum + weightedLength(p), 0)
  if (paragraphs.length === 0 || quotable < MIN_ARTICLE_LENGTH) throw paywalled ? subscribersOnly() : notArticle()

  return {
    title: finishTitle(title, paragraphs),
    byline,
    siteName,
    lang: page.lang ?? firstText(article.lang),
    publishedTime: published?.value ?? null,
    publishedTimePrecision: published?.precision ?? null,
    modifiedTime: modified?.value ?? null,
    modifiedTimePrecision: modified?.precision ?? null,
    canonicalUrl: page.canonicalUrl,
    imageUrl: firstUrl(
      [
        meta.get('og:image'),
        meta.get('og:image:url'),
        meta.get('og:image:secure_url'),
        ...(jsonLd?.images ?? []),
        meta.get('twitter:image'),
        meta.get('twitter:image:src'),
        page.imageLink,
      ],
      page.base,
    ),
    standfirst,
    excerpt: selectExcerpt(paragraphs, options),
    text: articleText(blocks),
    paywalled,
  }
}

function subscribersOnly(): DigestFailure {
  return new DigestFailure(
    'paywalled',
    'The source requires a subscription; it showed us no article text to quote.',
    true,
  )
}

function notArticle(): DigestFailure {
  return new DigestFailure('not_article', 'The page has no article text we could quote.', true)
}

/**
 * og:site_name first; but when the publisher's name is the start of it
 * ("Aktuálně.cz" in "Aktuálně.cz - Víte, co se právě děje", "Spiceworks" in
 * "Spiceworks Inc"), the shorter one is the name without tagline.
 */
function chooseSiteName(
  og: string | null,
  publisher: string | null,
  fallback: string | null | undefined,
): string | null {
  if (
    og &&
    publisher &&
    publisher.length < og.length &&
    siteKey(og).startsWith(siteKey(publisher)) &&
    siteKey(publisher)
  ) {
    return publisher
  }
  return og ?? publisher ?? firstText(fallback)
}

/** The first candidate that names someone other than the site itself. */
function firstByline(
  candidates: Array<string | readonly string[] | null | undefined>,
  siteName: string | null,
): string | null {
  for (const candidate of candidates) {
    const byline = withoutSiteName(cleanByline(candidate), siteName)
    if (byline) return byline
  }
  return null
}

function firstText(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    const text = typeof value === 'string' ? collapseWhitespace(value) : ''
    if (text) return text
  }
  return null
}

function firstUrl(values: Array<string | null | undefined>, base: string): string | null {
  for (const value of values) {
    const url = absoluteHttpUrl(value, base)
    if (url) return url
  }
  return null
}
