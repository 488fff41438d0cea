import { createServer, type Server } from 'node:http'
import { buildTextPools, randomSource, type TextPools } from './seed-text.js'

/*
 * The news sites members post from during the load: each is a real HTTP
 * server on its own loopback address (127.0.0.2, 127.0.0.3, ...), because the
 * worker paces fetches per site by host name and a port is not part of it.
 * Every article page is made on request from its address alone, so any
 * number of distinct articles exist and a later fetch of one (a re-fetch of
 * its source) finds the same page.
 */

export interface NewsSites {
  /** The sites' host names, which FETCH_ALLOW_HOSTS must list. */
  hosts: string[]
  /** The address of article `n` on site `site` (0 is the busiest); `run` keeps runs' links apart. */
  articleUrl(site: number, run: string, n: number): string
  /** Article pages served so far, per site. */
  served(): number[]
  close(): Promise<void>
}

/** Article pages look the same for every run with the same text pools. */
const TEXT_SEED = 11

export async function startNewsSites(count: number, port: number): Promise<NewsSites> {
  const pools = buildTextPools(TEXT_SEED)
  if (count < 1 || count > pools.sites.length)
    throw new Error(`--sites must be from 1 to ${pools.sites.length}; got ${count}.`)
  const titleOfSlug = new Map(pools.titles.map((t) => [t.slug, t.title]))
  const hosts = Array.from({ length: count }, (_, i) => `127.0.0.${i + 2}`)
  const served = hosts.map(() => 0)
  const servers: Server[] = []
  try {
    for (const [i, host] of hosts.entries()) {
      const site = pools.sites[i]!
      const server = createServer((req, res) => {
        const path = new URL(req.url ?? '/', 'http://site').pathname
        const article = parseArticlePath(path, titleOfSlug)
        if (req.method !== 'GET' || !article) {
          res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>Page not found</h1>')
          return
        }
        served[i]!++
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'max-age=60' })
          .end(articleHtml(pools, site, `http://${host}:${port}`, path, article))
      })
      await listen(server, host, port)
      servers.push(server)
    }
  } catch (err) {
    await Promise.all(servers.map(closeServer))
    throw err
  }
  const day = new Date().toISOString().slice(0, 10).replaceAll('-', '/')
  return {
    hosts,
    articleUrl: (site, run, n) => {
      const r = randomSource(n * 31 + site)
      const { slug } = r.pick(pools.titles)
      return `http://${hosts[site]}:${port}/${r.pick(pools.sections)}/${day}/${slug}-${run}${n}`
    },
    served: () => [...served],
    close: () => Promise.all(servers.map(closeServer)).then(() => undefined),
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        new Error(
          err.code === 'EADDRNOTAVAIL'
            ? `Cannot listen on ${host}: this machine does not route all of 127.0.0.0/8 to the loopback interface (Linux does; on macOS add it with \`sudo ifconfig lo0 alias ${host} up\`).`
            : `Cannot listen on ${host}:${port} for a news site (${err.code ?? err.message}); choose another --site-port.`,
        ),
      ),
    )
    server.listen(port, host, () => resolve())
  })
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

interface ArticlePath {
  section: string
  date: string
  title: string
}

/** /<section>/<yyyy>/<mm>/<dd>/<headline slug>-<id>: the headline comes from the slug, the rest from the whole path. */
function parseArticlePath(path: string, titleOfSlug: Map<string, string>): ArticlePath | undefined {
  const match = /^\/([a-z]+)\/(\d{4})\/(\d{2})\/(\d{2})\/([a-z0-9-]+)-[a-z0-9]+$/.exec(path)
  const title = match && titleOfSlug.get(match[5]!)
  if (!match || !title) return undefined
  return { section: match[1]!, date: `${match[2]}-${match[3]}-${match[4]}`, title }
}

/** FNV-1a: the same path makes the same page. */
function hashOf(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0
  return h
}

const escape = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;')

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

/** An article page shaped like a newspaper's: head metadata, site chrome, headline, byline, dateline, body, asides. */
function articleHtml(pools: TextPools, site: { name: string }, origin: string, path: string, a: ArticlePath): string {
  const r = randomSource(hashOf(path))
  const minutes = Math.floor(r.next() * 600)
  const published = new Date(`${a.date}T06:00:00Z`)
  published.setUTCMinutes(minutes)
  const modified = r.next() < 0.3 ? new Date(published.getTime() + (20 + Math.floor(r.next() * 180)) * 60_000) : null
  const byline = r.pick(pools.bylines)
  const authors = byline.replace(/^By /, '').split(' and ')
  const paragraphs = Array.from({ length: 8 + Math.floor(r.next() * 9) }, () => r.pick(pools.paragraphs))
  const description = paragraphs[0]!.slice(0, 150).replace(/\s\S*$/, '…')
  const section = capitalize(a.section)
  const image = r.next() < 0.6 ? `/images/${a.date.replaceAll('-', '/')}/${hashOf(path).toString(36)}-1200.jpg` : null
  const related = Array.from({ length: 5 }, () => r.pick(pools.titles))
  const dateline = (d: Date) =>
    d.toLocaleString('en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC'
  const body = paragraphs.map((p, i) => {
    const text = `<p>${escape(p)}</p>`
    if (i === 2)
      return `${text}\n<aside class="inline-promo"><a href="/newsletters/">Get the morning briefing in your inbox</a></aside>`
    if (i === 4)
      return `${text}\n<blockquote><p>“${escape(r.pick(pools.paragraphs).split('. ')[0]!)}.”</p></blockquote>`
    return text
  })
  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: a.title,
    description,
    datePublished: published.toISOString(),
    ...(modified ? { dateModified: modified.toISOString() } : {}),
    author: authors.map((name) => ({ '@type': 'Person', name })),
    publisher: { '@type': 'NewsMediaOrganization', name: site.name },
    mainEntityOfPage: origin + path,
    ...(image ? { image: [origin + image] } : {}),
  }
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(a.title)} | ${escape(site.name)}</title>
<link rel="canonical" href="${escape(path)}">
<link rel="stylesheet" href="/assets/site.css">
<meta name="description" content="${escape(description)}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="${escape(site.name)}">
<meta property="og:title" content="${escape(a.title)}">
<meta property="og:url" content="${escape(origin + path)}">
${image ? `<meta property="og:image" content="${escape(image)}">\n` : ''}<meta property="article:published_time" content="${published.toISOString()}">
${modified ? `<meta property="article:modified_time" content="${modified.toISOString()}">\n` : ''}<meta property="article:section" content="${escape(section)}">
<meta name="author" content="${escape(authors.join(', '))}">
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
<style>.wrap{max-width:960px;margin:0 auto}.ad{min-height:250px;background:#f3f3f3}.promo{display:none}</style>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}gtag('js',new Date());gtag('config','G-${hashOf(site.name).toString(36)}');</script>
</head>
<body class="article ${a.section}">
<a class="skip" href="#story">Skip to content</a>
<header class="masthead wrap">
<a class="logo" href="/">${escape(site.name)}</a>
<nav aria-label="Sections"><ul>${pools.sections.map((s) => `<li><a href="/${s}/">${capitalize(s)}</a></li>`).join('')}</ul></nav>
<form class="search" action="/search"><input type="search" name="q" placeholder="Search"><button>Search</button></form>
<a class="subscribe" href="/subscribe">Subscribe</a> <a class="login" href="/account">Log in</a>
</header>
<div class="ad leaderboard" aria-hidden="true"></div>
<main id="story" class="wrap">
<nav class="breadcrumbs"><a href="/">Home</a> › <a href="/${a.section}/">${escape(section)}</a></nav>
<article>
<header>
<h1>${escape(a.title)}</h1>
<p class="byline">${escape(byline)}</p>
<p class="dateline">Published <time datetime="${published.toISOString()}">${dateline(published)}</time>${
    modified ? ` · Updated <time datetime="${modified.toISOString()}">${dateline(modified)}</time>` : ''
  }</p>
</header>
${image ? `<figure><img src="${escape(image)}" alt="" width="1200" height="675"><figcaption>${escape(r.pick(pools.paragraphs).split('. ')[0]!)}.</figcaption></figure>\n` : ''}<div class="story-body">
${body.join('\n')}
</div>
<p class="tags">Filed under <a href="/${a.section}/">${escape(section)}</a></p>
<section class="comments-teaser"><a href="#comments">${Math.floor(r.next() * 400)} comments</a></section>
</article>
<aside class="most-read"><h2>Most read</h2><ol>${related
    .map((t) => `<li><a href="/${r.pick(pools.sections)}/${t.slug}">${escape(t.title)}</a></li>`)
    .join('')}</ol></aside>
<aside class="newsletter promo"><h2>The briefing</h2><p>The day's news, every morning.</p><form action="/newsletters"><input type="email" name="email"><button>Sign up</button></form></aside>
</main>
<footer class="wrap"><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul><p>© ${published.getUTCFullYear()} ${escape(site.name)}</p></footer>
<script src="/assets/app.js" defer></script>
</body>
</html>
`
}
