import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { isBotCheck, isPaywalled } from '../../src/extract/access.js'
import { extractDigest } from '../../src/extract/extract-digest.js'
import { PAGES_DIR } from '../helpers/fixture-server.js'

const page = (name: string) => readFile(join(PAGES_DIR, name), 'utf8')

t.test('bot checks are recognised by title or by a challenge script on an empty page', async (t) => {
  const cases: [string, string, number, boolean][] = [
    ['Just a moment...', '', 100, true],
    ['Attention Required! | Cloudflare', '', 100, true],
    ['Access denied', '', 100, true],
    ['Pardon Our Interruption', '', 100, true],
    ['Robot or human?', '', 100, true],
    ['Loading', '<script src="/cdn-cgi/challenge-platform/x"></script>', 80, true],
    ['City council news', '<div class="g-recaptcha"></div>', 5000, false],
    ['Access denied to records, court rules', '', 5000, false],
    ['Just a moment in history: the 1968 election', '', 5000, false],
  ]
  for (const [title, html, length, expected] of cases)
    t.equal(
      isBotCheck(title, html, () => length),
      expected,
      title,
    )
})

t.test('paywall markup', async (t) => {
  const cases: [boolean | null, Record<string, string>, boolean][] = [
    [false, {}, true],
    [true, {}, false],
    [null, {}, false],
    [null, { 'article:content_tier': 'locked' }, true],
    [null, { 'article:content_tier': 'metered' }, true],
    [null, { 'article:content_tier': 'free' }, false],
  ]
  for (const [free, meta, expected] of cases)
    t.equal(isPaywalled(free, new Map(Object.entries(meta))), expected, JSON.stringify([free, meta]))
})

t.test('a paywalled article is labelled and only its free part is quoted', async (t) => {
  const digest = extractDigest(await page('paywalled.html'), 'https://gazette.example/business/port-strike', {
    paragraphs: 4,
  })
  t.equal(digest.paywalled, true)
  t.equal(digest.title, 'Why the port strike matters beyond the docks')
  t.equal(digest.excerpt.length, 2, 'the two free paragraphs, not the login wall')
  t.notMatch(digest.excerpt.join('\n'), /subscribe|log in/i)
})

t.test('a wall with nothing to quote, and a bot check, fail in plain words', async (t) => {
  t.throws(() => extractDigest('', 'https://x.example/', { paragraphs: 4 }))
  const wall = await page('hard-paywall.html')
  t.throws(() => extractDigest(wall, 'https://ledger.example/budget', { paragraphs: 4 }), {
    reason: 'paywalled',
    message: 'The source requires a subscription; it showed us no article text to quote.',
    permanent: true,
  })
  const check = await page('bot-check.html')
  t.throws(() => extractDigest(check, 'https://news.example.com/story', { paragraphs: 4 }), {
    reason: 'refused',
    message: 'The site showed us a bot check instead of the article.',
  })
  const free = extractDigest(await page('editorial.html'), 'https://ledger.example/op', { paragraphs: 4 })
  t.equal(free.paywalled, false)
})
