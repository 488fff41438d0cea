import { JSDOM } from 'jsdom'
import t from 'tap'
import { addLeadIn, outlinePage } from '../../src/extract/lead-in.js'

const TITLE = 'Riverside’s bridges are failing'
const sentence = (n: number) =>
  `Paragraph ${n} of the story says that the bridge closed for three days. The council has known for years, and the engineers' reports on the bearings have been on its desk since the spring, unread by most of its members.`

/** A story split in two boxes by an ad; "Readability" keeps the second box. */
const page = (intro: string, lead = 'p class="text"') => {
  const html = `<!doctype html><html><body>
    <header><h1 class="site">The Ledger</h1></header>
    <article><h2>${TITLE}</h2><div class="summary"><p class="text">${sentence(0)}</p></div>
      <div class="intro">${intro}</div>
      <aside class="ad"><p class="text">${sentence(90)}</p></aside>
      <div class="body">${[3, 4, 5, 6].map((n) => `<${lead}>${sentence(n)}</p>`).join('')}</div>
    </article></body></html>`
  const document = new JSDOM(html).window.document
  const outline = outlinePage(document)
  const content = document.createElement('div')
  content.append(document.querySelector('.body')!)
  return { content, outline }
}
const paragraphs = (content: Element) => Array.from(content.querySelectorAll('p'), (p) => p.textContent)

t.test('the story’s first paragraphs, left between the headline and the kept box, go back in front', async (t) => {
  const { content, outline } = page(`<p class="text">${sentence(1)}</p><p class="text">${sentence(2)}</p>`)
  addLeadIn(content, outline, TITLE)
  t.same(paragraphs(content), [1, 2, 3, 4, 5, 6].map(sentence), 'not the dek, not the ad')
})

t.test('nothing goes back when the paragraphs before are not the story’s', async (t) => {
  const cases: Array<[name: string, intro: string, lead?: string]> = [
    ['one paragraph: a teaser', `<p class="text">${sentence(1)}</p>`],
    [
      'two short ones: a greeting',
      '<p class="text">Welcome back to the letter, and thanks for reading. Tell your friends and colleagues about us.</p>'.repeat(
        2,
      ),
    ],
    ['marked up otherwise', `<p class="teaser">${sentence(1)}</p><p class="teaser">${sentence(2)}</p>`],
    ['lines, not sentences', '<p class="text">Bridges, roads and tunnels</p><p class="text">The budget</p>'],
    [
      'the kept box is marked up otherwise',
      `<p class="text">${sentence(1)}</p><p class="text">${sentence(2)}</p>`,
      'p',
    ],
  ]
  for (const [name, intro, lead] of cases) {
    const { content, outline } = page(intro, lead)
    addLeadIn(content, outline, TITLE)
    t.same(paragraphs(content), [3, 4, 5, 6].map(sentence), name)
  }
  const { content, outline } = page(`<p class="text">${sentence(1)}</p><p class="text">${sentence(2)}</p>`)
  addLeadIn(content, outline, 'Another headline altogether')
  t.same(paragraphs(content), [3, 4, 5, 6].map(sentence), 'no headline above them')
})
