import { JSDOM } from 'jsdom'
import t from 'tap'
import { collectBlocks, type Block } from '../../src/extract/blocks.js'
import { findStandfirst, quotableParagraphs, rejectParagraph, selectExcerpt } from '../../src/extract/excerpt.js'
import { textKey } from '../../src/extract/text.js'
import { block } from '../helpers/blocks.js'

const TITLE = 'The city can’t keep patching its bridges'
const PROSE =
  'That bridge is not an outlier. Of the 41 bridges the city owns, 17 are rated poor by the state’s engineers.'
const LINE = '一波波接續性低溫寒流報到 已將新竹尖石鄉後山一帶層層山巒披上嫣紅的彩衣'

t.test('collectBlocks', async (t) => {
  const LONG = 'The council met again on Tuesday. '.repeat(20).trim()
  // Each case: the article's HTML, then every block as "flags|text" (flags: c caption, d dek, b bold, f furniture).
  const cases: Array<[html: string, expected: string[]]> = [
    [
      '<header><h1>Bridges</h1><p>A decade of patching.</p></header><p>When the bridge closed.</p>',
      ['d|Bridges', 'd|A decade of patching.', '|When the bridge closed.'],
    ],
    [
      '<h2 class="l-article__dek">A decade of patching.</h2><p>When the bridge closed.</p>',
      ['d|A decade of patching.', '|When the bridge closed.'],
    ],
    ['<p class="standfirst">A decade of patching.</p>', ['d|A decade of patching.']],
    // A heading set all in italics is styled as a dek; a heading with a word in italics is not.
    [
      '<h5><em>A decade of patching.</em></h5><hr><p>When the bridge closed.</p>',
      ['d|A decade of patching.', '|When the bridge closed.'],
    ],
    ['<h2>A decade of <em>patching</em>.</h2>', ['|A decade of patching.']],
    ['<p>Subheadline: A decade of patching?</p>', ['d|A decade of patching?']],
    ['<p itemprop="description">A decade of patching.</p>', ['d|A decade of patching.']],
    // Every paragraph named "description": the names mark the body, not a dek.
    [
      '<p itemprop="description">One.</p><p itemprop="description">Two.</p><p itemprop="description">Three.</p>',
      ['|One.', '|Two.', '|Three.'],
    ],
    [`<div class="entry-summary"><p>${LONG}</p></div>`, [`|${LONG}`]],
    [`<div itemprop="description articleBody"><p>When the bridge closed.</p></div>`, ['|When the bridge closed.']],
    ['<div class="item no_caption"><h2>When the bridge closed.</h2></div>', ['|When the bridge closed.']],
    ['<div class="photo-caption"><p>Traffic on Tuesday.</p></div>', ['c|Traffic on Tuesday.']],
    [
      '<p><span class="caption"><span>© Provided by Ledger</span> Bridge</span> When the bridge closed.</p>',
      ['c|© Provided by Ledger Bridge', '|When the bridge closed.'],
    ],
    [
      '<p><img src="a.jpg"><br> <em>Traffic on Tuesday.</em></p><p><em>Editor’s note.</em></p>',
      ['c|Traffic on Tuesday.', '|Editor’s note.'],
    ],
    ['<p><img src="a.jpg"></p><p><i>Traffic on Tuesday.</i></p>', ['c|Traffic on Tuesday.']],
    [`<p><img src="a.jpg"></p><p><em>${LONG}</em></p>`, [`|${LONG}`]],
    // A video's box, emptied of its player, and the italics beside it in one paragraph: its caption, even a long one.
    [
      `<p><span class="fr-video"></span><em>${'Engineers tested the printer on Tuesday. '.repeat(8).trim()}</em></p><p>When the bridge closed.</p>`,
      [`c|${'Engineers tested the printer on Tuesday. '.repeat(8).trim()}`, '|When the bridge closed.'],
    ],
    ['<div class="video-embed"></div><p><i>Traffic on Tuesday.</i></p>', ['c|Traffic on Tuesday.']],
    ['<div class="video-player"><p><i>Traffic on Tuesday.</i></p></div>', ['|Traffic on Tuesday.']],
    // A photo and a loose line in one box, however the box is named; not a recipe step with its own paragraph.
    [
      '<div class="media"><img src="a.jpg"><span>Traffic on Tuesday. Jane Doe</span></div>',
      ['c|Traffic on Tuesday. Jane Doe'],
    ],
    ['<div class="step"><img src="a.jpg"><p>Whisk the eggs.</p></div>', ['|Whisk the eggs.']],
    ['<p><img src="a.jpg"> Traffic on Tuesday. Jane Doe/Ledger</p>', ['c|Traffic on Tuesday. Jane Doe/Ledger']],
    [
      '<p><img src="a.jpg"><b>Lupita</b>’s dress was stolen from her room.</p>',
      ['|Lupita’s dress was stolen from her room.'],
    ],
    ['<p>Traffic on Tuesday. <img src="a.jpg"></p>', ['|Traffic on Tuesday.']],
    ['<div><img src="icon.png" width="16"><span>Traffic on Tuesday.</span></div>', ['|Traffic on Tuesday.']],
    ['<div class="bildunterschrift">Traffic on Tuesday.</div>', ['c|Traffic on Tuesday.']],
    // Hover cards glued into a sentence.
    [
      '<p><span class="rollover-people"><a href="/p">Kristi Noem</a><span class="rollover-people-block">Kristi Lynn Noem South Dakota governor</span></span> said no.</p>',
      ['|Kristi Noem said no.'],
    ],
    [
      '<p>The <a href="/m">mayor</a><span role="tooltip">Ellen Park, since 2019</span> said no.</p>',
      ['|The mayor said no.'],
    ],
    // Furniture by name, unless the name is on what holds the article.
    [
      `<p>${LONG}</p><div class="author-bio"><p>Jane Doe covers City Hall.</p></div><div class="sharedaddy">Share this</div>`,
      [`|${LONG}`, 'f|Jane Doe covers City Hall.', 'f|Share this'],
    ],
    [`<div class="post-share-enabled"><p>${LONG}</p></div>`, [`|${LONG}`]],
    [`<p>${LONG}</p><aside><p>Read our bridge series.</p></aside>`, [`|${LONG}`, 'f|Read our bridge series.']],
    ['<div class="shadow"><p>When the bridge closed.</p></div>', ['|When the bridge closed.']],
    [
      '<div class="comment"><p>Minute 90: the match ends.</p></div><div class="comment"><p>Minute 89: a yellow card.</p></div>',
      ['|Minute 90: the match ends.', '|Minute 89: a yellow card.'],
    ],
    [
      '<p> <strong>Before they left</strong></p><p><b>WASHINGTON</b> — When the bridge closed.</p>',
      ['b|Before they left', '|WASHINGTON — When the bridge closed.'],
    ],
    // A message a script would show (a form's error, "no results") is hidden by its class; "hidden-xs" is only responsive.
    [
      '<form><span class="form-error hidden">Something went wrong. Please try again!</span></form><p>When the bridge closed.</p>',
      ['|When the bridge closed.'],
    ],
    [
      `<div class="alert alert-success"><div class="alert--content">The item was added to your cart.</div></div><p>${LONG}</p>`,
      ['f|The item was added to your cart.', `|${LONG}`],
    ],
    [
      `<div id="ie-overlay"><p>Welcome! We are glad you came.</p></div><p>${LONG}</p><p role="alert">This e-mail address is unknown.</p>`,
      ['f|Welcome! We are glad you came.', `|${LONG}`, 'f|This e-mail address is unknown.'],
    ],
    // A bracketed link closing a paragraph points to the full text; bracketed words that are not a link stay.
    [
      '<p>The council voted on Tuesday. [<a href="/vote">read more</a>]</p><p>The council voted. <a href="/v">[more]</a></p><p>Chozo lore. [MP / MP3]</p>',
      ['|The council voted on Tuesday.', '|The council voted.', '|Chozo lore. [MP / MP3]'],
    ],
    [
      '<div class="d-none">No results found!</div><p class="hidden-xs">When the bridge closed.</p>',
      ['|When the bridge closed.'],
    ],
  ]
  for (const [html, expected] of cases) {
    const root = new JSDOM(`<div>${html}</div>`).window.document.body.firstElementChild!
    const got = collectBlocks(root).map(
      (b) => `${b.caption ? 'c' : ''}${b.dek ? 'd' : ''}${b.bold ? 'b' : ''}${b.furniture ? 'f' : ''}|${b.text}`,
    )
    t.same(got, expected, html)
  }
  const italics = (html: string) =>
    collectBlocks(new JSDOM(`<div>${html}</div>`).window.document.body.firstElementChild!).map((b) => b.italic)
  t.same(
    italics('<p><em>The table counts </em><a href="/"><em>every</em></a><em> call.</em></p>'),
    [true],
    'all in italics, links too',
  )
  t.same(italics('<p>The table counts <em>every</em> call.</p>'), [false], 'a word in italics')
  const linkedLast = (html: string) =>
    collectBlocks(new JSDOM(`<div>${html}</div>`).window.document.body.firstElementChild!).map(
      (b) => b.linkedLastSentence,
    )
  t.same(
    linkedLast('<p>Get the briefing daily. <a href="/signup">Sign up here</a>!</p>'),
    [true],
    'a link as the last sentence',
  )
  t.same(linkedLast('<p>The council met, Reuters <a href="/r">reported</a>.</p>'), [false], 'a link ending a sentence')
  t.same(linkedLast('<p><a href="/r">The council met.</a></p>'), [false], 'a paragraph that is all link')
})

t.test('rejectParagraph', async (t) => {
  const cases: Array<[block: Block, expected: string | null]> = [
    [block(PROSE), null],
    [block('He said no.'), null],
    [block(PROSE, { caption: true }), 'caption'],
    [block(PROSE, { kind: 'pre' }), 'pre'],
    [block('Why the bridges matter'), 'fragment'],
    [block('Why the bridges matter', { kind: 'heading' }), 'heading'],
    [block(PROSE, { dek: true }), 'dek'],
    [block('DAX15234.10+0.52%MDAX27111.40-1.2%ACME AG12.34-3.55%BETA SE4.10+0.1% quoted late.'), 'ticker'],
    [block('Why the bridges matter', { bold: true }), 'subheading'],
    [block('出国前：政治科目会出啥考题？', { bold: true }), 'subheading'],
    [
      block('Why do the bridges keep failing, and who decided to patch them rather than fix them?', { bold: true }),
      null,
    ],
    [block(PROSE, { bold: true }), null],
    [block(PROSE, { kind: 'heading' }), null],
    [block(PROSE, { kind: 'item' }), null],
    [
      block('Bridges, budgets and the council: a short history of deferred maintenance in Riverside', { kind: 'item' }),
      'not-prose',
    ],
    [block('Traffic on the Ninth Street Bridge', { kind: 'other' }), 'not-prose'],
    [
      block('Read the council’s full bridge inspection report and the budget documents here.', { linkDensity: 0.9 }),
      'links',
    ],
    [block('Advertisement'), 'promo'],
    [block('By Jane Doe'), 'byline'],
    [block('Updated 5:42 AM EDT'), 'dateline'],
    [block('Traffic crosses the bridge on Tuesday. (Photo: AP)'), 'caption'],
    [block(TITLE + '.'), 'title'],
    [block(`${TITLE} | Opinion`), 'fragment'],
    [
      block('Submit your letter to the editor via this form. Read more Letters to the Editor.', {
        bold: true,
        linkDensity: 0.4,
      }),
      'promo',
    ],
    [block(`${PROSE} ${PROSE}`, { bold: true, linkDensity: 0.1 }), null],
    [
      block('Patrick Doe, photographer in Hamburg. I like every kind of photography. Folgt mir gerne auf Instagram.'),
      'promo',
    ],
    [block('Jan Koch Telefon +49 (0)40 / 49 07 11 06 jan.koch@example.org'), 'notice'],
    [block('Call the council on +44 20 7946 0000 if the bridge near you is closed.'), null],
  ]
  for (const [b, expected] of cases) t.equal(rejectParagraph(b, textKey(TITLE)), expected, `${b.kind} ${b.text}`)

  // On a page written in lines (a photo blog), an unpunctuated line is prose unless it is a mere label.
  const lines: Array<[block: Block, expected: string | null]> = [
    [block(LINE), null],
    [block('Why the bridges matter and who pays'), null],
    [block('Ninth Street Bridge'), 'fragment'],
    [block('Facebook Twitter Email'), 'promo'],
  ]
  for (const [b, expected] of lines) t.equal(rejectParagraph(b, textKey(TITLE), true), expected, `in lines: ${b.text}`)
})

t.test('quotableParagraphs', async (t) => {
  const blocks = [
    block('By Jane Doe'),
    block(PROSE),
    block('Advertisement'),
    block(PROSE),
    block('Second paragraph, which ends well.'),
  ]
  t.same(
    quotableParagraphs(blocks, TITLE),
    [PROSE, 'Second paragraph, which ends well.'],
    'skips furniture and repeats',
  )
  const quote = 'We have patched the same bridge four times in ten years'
  t.same(
    quotableParagraphs(
      [block(`“${quote}”`, { kind: 'quote' }), block(PROSE), block(`“${quote},” the engineer said.`)],
      TITLE,
    ),
    [PROSE, `“${quote},” the engineer said.`],
    'a pull quote before the lede is left where the article prints it in full',
  )
  t.same(
    quotableParagraphs(
      [block(PROSE), block('The rest of our bridge coverage is on the series page.', { linkDensity: 0.4 })],
      TITLE,
    ),
    [PROSE],
    'a short linked line closing the article is a pointer elsewhere',
  )
  const LATER = 'The council will vote on the money next month, after a hearing on the closures.'
  const nag = 'Never miss the news from City Hall: our briefing comes daily at seven. Sign up here!'
  t.same(
    quotableParagraphs([block(PROSE), block(nag, { bold: true, linkedLastSentence: true }), block(LATER)], TITLE),
    [PROSE, LATER],
    'a bold paragraph whose last sentence is a link is a call to action',
  )
  t.same(
    quotableParagraphs([block(PROSE, { linkedLastSentence: true }), block(LATER)], TITLE),
    [PROSE, LATER],
    'a plain paragraph whose last sentence is a link is the story',
  )
  const note = 'The league table below counts every disputed call as the panel of readers judged it.'
  t.same(
    quotableParagraphs([block(PROSE), block(note, { italic: true })], TITLE),
    [PROSE],
    'a closing paragraph in italics under plain ones is a note about the story',
  )
  t.same(
    quotableParagraphs([block(PROSE, { italic: true }), block(note, { italic: true })], TITLE),
    [PROSE, note],
    'a story set all in italics keeps its last paragraph',
  )
  t.same(
    quotableParagraphs([block(note, { italic: true }), block(PROSE)], TITLE),
    [note, PROSE],
    'italics before the last paragraph are the story',
  )
  t.same(
    quotableParagraphs([block(PROSE, { furniture: true }), block('Second paragraph, which ends well.')], TITLE),
    ['Second paragraph, which ends well.'],
    'furniture is never quoted',
  )
  const heading = (text: string) => block(text, { kind: 'heading' })
  const story = [
    PROSE,
    'The engineers said the deck was sound but the piers were not, and the repairs would take a year.',
    'The council will vote on the money next month, after a hearing on the closures.',
  ].map((text) => block(text))
  t.same(
    quotableParagraphs([...story, heading('Well supplied with Ledger Energy'), block('Switch to us today.')], TITLE, [
      'Ledger Energy',
    ]),
    story.map((b) => b.text),
    'a closing section whose heading names the site is its own ad',
  )
  const shortAd =
    'Gas or power, Ledger Energy supplies you reliably and cheaply. Switching takes minutes, and we do the paperwork.'
  t.same(
    quotableParagraphs([...story, heading('Well supplied with Ledger Energy'), block(shortAd)], TITLE, [
      'Ledger Energy',
    ]),
    story.map((b) => b.text),
    'the ad may run to a third of the text',
  )
  const longSection = `${shortAd} ${shortAd} ${shortAd}`
  t.same(
    quotableParagraphs([...story, heading('Well supplied with Ledger Energy'), block(longSection)], TITLE, [
      'Ledger Energy',
    ]),
    [...story.map((b) => b.text), longSection],
    'a section about the house longer than that is the article (a company’s own page)',
  )
  t.same(
    quotableParagraphs([...story, heading('About Jane Doe'), block('Jane writes about bridges and roads.')], TITLE),
    story.map((b) => b.text),
    "the author's bio under its own heading",
  )
  t.same(
    quotableParagraphs(
      [
        heading('Über Jane Doe'),
        block('Jane writes about bridges and roads, and has for twenty years.'),
        heading('The bridges'),
        ...story,
      ],
      TITLE,
    ),
    story.map((b) => b.text),
    "an author's bio above the story, up to the next heading",
  )
  t.same(
    quotableParagraphs(
      [heading('About Jane Doe'), block('Jane writes about bridges and roads, and has for twenty years.')],
      TITLE,
    ),
    [],
    'a page whose only text is the bio quotes nothing',
  )
  t.same(
    quotableParagraphs([heading('Ledger Energy.'), ...story], TITLE, ['Ledger Energy']),
    story.map((b) => b.text),
    'a heading naming the site above the whole article leaves the article',
  )
  const pre = block(
    'Network Working Group   M. de Jong\nDecember 2014\n\nThis draft describes a protocol by which\nclient-side applications can store data on a server the user chooses.\n\n   Jong   [Page 1]',
    { kind: 'pre' },
  )
  const [one, two, ...more] = ['一', '二', '三', '四', '五'].map((n) => `${n}${LINE}`)
  const photoBlog = [one, 'Ninth Street Bridge', '营区变了。', two, ...more].map((text) => block(text ?? ''))
  t.same(
    quotableParagraphs(photoBlog, TITLE).slice(0, 3),
    [one, '营区变了。', two],
    'a page written in lines, one per photo',
  )
  t.same(quotableParagraphs(photoBlog.slice(0, 4), TITLE), ['营区变了。'], 'a few unpunctuated lines are still labels')
  t.same(
    quotableParagraphs([pre], TITLE),
    ['This draft describes a protocol by which client-side applications can store data on a server the user chooses.'],
    'a page that is all <pre>',
  )
})

t.test('quotableParagraphs on small pages', async (t) => {
  const LEDE =
    'When the Ninth Street Bridge closed for three days last month, it was because a bearing had rusted solid.'
  const SECOND =
    'Of the 41 bridges the city owns, 17 are rated poor by the state’s engineers, and the average span is 62 years old.'
  const paragraphsOf = (html: string, byline: string | null = null) =>
    quotableParagraphs(
      collectBlocks(new JSDOM(`<div>${html}</div>`).window.document.body.firstElementChild!),
      TITLE,
      [],
      byline,
    )
  const cases: Array<[name: string, html: string, byline: string | null, expected: string[]]> = [
    [
      'a "related posts" heading ends the article',
      `<p>${LEDE}</p><p>${SECOND}</p><h3>Related posts</h3><h4><a href="/a">Tunnels too</a></h4><p>The tunnels under the river are older still, and nobody has inspected them since the flood.</p>`,
      null,
      [LEDE, SECOND],
    ],
    [
      'a list of other posts under a "related" heading is no article',
      `<h3>Mehr zum Thema</h3><h4><a href="/a">Tunnels too</a></h4><p>The tunnels under the river are older still, and nobody has inspected them since the flood.</p>`,
      null,
      [],
    ],
    [
      'a "read also" label whose links the page left out ends nothing',
      `<p>${LEDE}</p><h3>Lesen Sie auch</h3><p>${SECOND}</p>`,
      null,
      [LEDE, SECOND],
    ],
    [
      'the byline glued to the front of the lede goes',
      `<p>By Jane Doe: ${LEDE}</p><p>${SECOND}</p>`,
      'Jane Doe',
      [LEDE, SECOND],
    ],
    [
      'another name after "By" is the lede’s own words',
      `<p>By Jane Doe's count, ${LEDE}</p>`,
      'John Roe',
      [`By Jane Doe's count, ${LEDE}`],
    ],
    [
      'a closing paragraph that introduces the author by name is a bio',
      `<p>${LEDE}</p><p>${SECOND}</p><p>Jane Doe studied civil engineering before she joined the Ledger in 2015.</p>`,
      'Jane Doe',
      [LEDE, SECOND],
    ],
    [
      'the author named inside the story stays',
      `<p>${LEDE}</p><p>Jane Doe, the council’s engineer, said the bearing had not moved in years.</p>`,
      'Jane Doe',
      [LEDE, 'Jane Doe, the council’s engineer, said the bearing had not moved in years.'],
    ],
    [
      'teasers of other posts, cut short with […], are not quoted',
      `<p>${LEDE}</p><p>The tunnels under the river are older still, and nobody has inspected them since […]</p><p>${SECOND}[12]</p>`,
      null,
      [LEDE, `${SECOND}[12]`],
    ],
    [
      'a lead paragraph set in bold whose last sentence runs on into the next paragraph',
      `<p><b>Will the Ninth Street Bridge ever reopen? Since this week the engineers have been testing every bearing, and they could soon</b></p><p>${LEDE}</p>`,
      null,
      [
        'Will the Ninth Street Bridge ever reopen? Since this week the engineers have been testing every bearing, and they could soon',
        LEDE,
      ],
    ],
    [
      'a byline and its date written in figures, set as a paragraph',
      `<p>Von Deutscher Brückenbund 4. 2. 2022.</p><p>${LEDE}</p>`,
      null,
      [LEDE],
    ],
  ]
  for (const [name, html, byline, expected] of cases) t.same(paragraphsOf(html, byline), expected, name)
})

t.test('selectExcerpt', async (t) => {
  const paragraphs = ['one two three.', 'four five six.', 'seven eight nine.']
  const cases: Array<[paragraphs: number, maxChars: number | undefined, expected: string[]]> = [
    [2, undefined, ['one two three.', 'four five six.']],
    [5, undefined, paragraphs],
    [3, 28, ['one two three.', 'four five six.']],
    [3, 27, ['one two three.']],
    [3, 10, ['one two…']],
    [0, undefined, []],
  ]
  for (const [n, maxChars, expected] of cases) {
    t.same(
      selectExcerpt(paragraphs, maxChars === undefined ? { paragraphs: n } : { paragraphs: n, maxChars }),
      expected,
      `${n}/${maxChars}`,
    )
  }
})

t.test('findStandfirst', async (t) => {
  const DEK = 'A decade of patching has left the city with bridges it cannot afford to close.'
  const cases: Array<[blocks: Block[], expected: string | null]> = [
    [[block(TITLE, { kind: 'heading', dek: true }), block(DEK, { dek: true }), block(PROSE)], DEK],
    [[block(DEK, { dek: true, kind: 'heading' }), block(PROSE)], DEK],
    [[block(PROSE), block(DEK, { dek: true })], null],
    [[block('Politics and budgets', { dek: true }), block(PROSE)], null],
    [[block('By Jane Doe and John Roe, Riverside Ledger staff', { dek: true }), block(PROSE)], null],
    [[block('April 6, 2016, 10:42 | Updated today with new figures', { dek: true }), block(PROSE)], null],
    [[block(`${TITLE} and what it costs us all`, { dek: true }), block(PROSE)], null],
    [[block(DEK, { dek: true, caption: true }), block(PROSE)], null],
  ]
  for (const [blocks, expected] of cases) t.equal(findStandfirst(blocks, TITLE), expected, blocks[0]?.text ?? '')
})
