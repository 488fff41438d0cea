import t from 'tap'
import { threadPath, threadSlug } from '../../src/views/thread-path.js'

t.test('a headline becomes a readable slug', async (t) => {
  const cases: [string | null, string][] = [
    ['Russia and U.S. near de facto alliance', 'russia-and-u-s-near-de-facto-alliance'],
    ['The city can’t keep patching its bridges', 'the-city-cant-keep-patching-its-bridges'],
    ['Ça déménage à São Paulo: Übergrößen', 'ca-demenage-a-sao-paulo-ubergrossen'],
    ['Ærø, Łódź & Þingvellir', 'aero-lodz-thingvellir'],
    ['  --Breaking!!  News?? ', 'breaking-news'],
    ['2024: 10% more', '2024-10-more'],
    ['Путин и Байден', ''],
    ['', ''],
    [null, ''],
    [
      'A very long headline that goes on and on about the many things that happened this week in the capital',
      'a-very-long-headline-that-goes-on-and-on-about-the-many',
    ],
    ['x'.repeat(80), 'x'.repeat(60)],
  ]
  for (const [title, slug] of cases) t.equal(threadSlug(title), slug, JSON.stringify(title))
  t.ok(threadSlug(cases[9]![0]).length <= 60)
})

t.test('a thread path carries the slug, or only the id when there is none', async (t) => {
  t.equal(
    threadPath(123, 'Russia and U.S. near de facto alliance'),
    '/threads/123-russia-and-u-s-near-de-facto-alliance',
  )
  t.equal(threadPath(5, null), '/threads/5')
  t.equal(threadPath(5, '日本語の見出し'), '/threads/5')
})
