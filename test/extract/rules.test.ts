import t from 'tap'
import { cleanByline } from '../../src/extract/byline.js'
import { classifyParagraph } from '../../src/extract/rules.js'
import { collapseWhitespace, truncateAtWord } from '../../src/extract/text.js'
import { hostLabel, stripAuthor, stripSiteName } from '../../src/extract/title.js'

const URL = 'https://www.riversideledger.example/opinion/2016/04/06/bridges/'

t.test('stripSiteName', async (t) => {
  const cases: Array<[title: string, siteName: string | null, expected: string]> = [
    [
      'The city can’t keep patching its bridges | The Riverside Ledger',
      'The Riverside Ledger',
      'The city can’t keep patching its bridges',
    ],
    [
      'The city can’t keep patching its bridges - The Riverside Ledger',
      'The Riverside Ledger',
      'The city can’t keep patching its bridges',
    ],
    [
      'The city can’t keep patching its bridges — Riverside Ledger',
      'The Riverside Ledger',
      'The city can’t keep patching its bridges',
    ],
    ['How to Build a Terrarium | eHow', 'eHow', 'How to Build a Terrarium'],
    ['Friday Facts #282 - 0.17 in sight | Factorio', 'Factorio.com', 'Friday Facts #282 - 0.17 in sight'],
    [
      'Samantha and The Great Big Lie - John C. Welch - Medium',
      'Medium',
      'Samantha and The Great Big Lie - John C. Welch',
    ],
    [
      'These Weeks in Firefox: Issue 85 – Firefox Nightly News',
      'Firefox Nightly News',
      'These Weeks in Firefox: Issue 85',
    ],
    [
      'The Riverside Ledger | The city can’t keep patching its bridges',
      'The Riverside Ledger',
      'The city can’t keep patching its bridges',
    ],
    ['  Bridges   and\n  budgets | Riversideledger  ', null, 'Bridges and budgets'],
    [
      'Brexit - what happens next for the Riverside port',
      'The Riverside Ledger',
      'Brexit - what happens next for the Riverside port',
    ],
    [
      'Council votes 5-4 on bridge levy | Opinion',
      'The Riverside Ledger',
      'Council votes 5-4 on bridge levy | Opinion',
    ],
    ['Headline | Site', null, 'Headline | Site'],
    ['Ledger', 'The Riverside Ledger', 'Ledger'],
  ]
  for (const [title, site, expected] of cases) t.equal(stripSiteName(title, [site], URL), expected, title)
})

t.test('stripAuthor and hostLabel', async (t) => {
  t.equal(
    stripAuthor('What is the sea telling us? | Eleanor Ainge Roy', 'Eleanor Ainge Roy'),
    'What is the sea telling us?',
  )
  t.equal(
    stripAuthor('What is the sea telling us? | Eleanor Ainge Roy', 'Jane Doe'),
    'What is the sea telling us? | Eleanor Ainge Roy',
  )
  t.equal(stripAuthor('Headline', null), 'Headline')
  const hosts: Array<[string, string | null]> = [
    ['https://www.ehow.com/x', 'ehow'],
    ['http://news.bbc.co.uk/1/hi/world', 'bbc'],
    ['http://fakehost/test/page.html', 'fakehost'],
    ['not a url', null],
  ]
  for (const [url, label] of hosts) t.equal(hostLabel(url), label, url)
})

t.test('cleanByline', async (t) => {
  const cases: Array<[raw: string | null, expected: string | null]> = [
    ['By JANE DOE and John Roe | Updated April 7', 'JANE DOE and John Roe'],
    ['By Jane Doe', 'Jane Doe'],
    ['by Lucas Nolan22 Dec 2016651', 'Lucas Nolan'],
    ['By\n\t\t\tScott Cunningham', 'Scott Cunningham'],
    ['By Nathan Willis\n      March 25, 2015', 'Nathan Willis'],
    ['By GILLIAN MOHNEY\n   March 11, 2015 3:46 PM', 'GILLIAN MOHNEY'],
    ['By Brenda  Goodman, MA\n   WebMD Health News', 'Brenda Goodman'],
    ['Written by Rob Ewaschuk\n  Edited by Betsy Beyer', 'Rob Ewaschuk'],
    ['Par Sébastien Farcis', 'Sébastien Farcis'],
    ['Bradley M. Kuhn (http://ebb.org/bkuhn/)', 'Bradley M. Kuhn'],
    ['Stella Kim, Jennifer Jett', 'Stella Kim, Jennifer Jett'],
    [
      'Martin Untersinger (avec Damien Leloup et Morgane Tual)',
      'Martin Untersinger (avec Damien Leloup et Morgane Tual)',
    ],
    ['Jane Doe\nStaff Writer', 'Jane Doe'],
    ['April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm', null],
    ['Last Updated: January 7, 2025', null],
    ['Follow Author', null],
    ['@NatGeoUK', null],
    ['https://www.liberation.fr/auteur/5631-alexandre-hervaud', null],
    ['   ', null],
    [null, null],
  ]
  for (const [raw, expected] of cases) t.equal(cleanByline(raw), expected, JSON.stringify(raw))
})

t.test('classifyParagraph', async (t) => {
  const cases: Array<[text: string, expected: ReturnType<typeof classifyParagraph>]> = [
    ['By Jane Doe', 'byline'],
    ['By JANE DOE and John Roe | Updated April 7, 2016', 'byline'],
    ['By Jane Doe, Staff Writer', 'byline'],
    ['Von Deutscher Brückenbund 4. 2. 2022.', 'byline'],
    ['Auf dem Foto zu sehen: die Bürgermeisterin vor der Brücke.', 'caption'],
    ['Alle Fotos: Jane Doe', 'caption'],
    ['Image processing takes three steps: denoise, scale, sharpen.', null],
    ['Von Montag 4. Mai an gilt die neue Regel für alle Brücken der Stadt.', null],
    ['Forum > Bridges > Is the Ninth Street Bridge safe again?', 'breadcrumb'],
    ['Ask yes/no/maybe questions only.', null],
    ['The tunnels under the river are older still, and nobody has inspected them since […]', 'promo'],
    ['The council will vote next month. [...]', 'promo'],
    ['The council will vote next month. [MP / MP3]', null],
    ['The city owns 41 bridges.[12]', null],
    ['Updated 5:42 AM EDT', 'dateline'],
    ['April 6, 2016', 'dateline'],
    ['Published April 6, 2016 7:00 PM EDT / Updated April 7, 2016 5:42 AM EDT', 'dateline'],
    ['Apr. 6, 2016 at 7:00 p.m. ET', 'dateline'],
    ['5 min read', 'dateline'],
    ['Advertisement', 'promo'],
    ['ADVERTISEMENT', 'promo'],
    ['Sponsored', 'promo'],
    ['Skip to content', 'promo'],
    ['Read more', 'promo'],
    ['Read more: The transit levy deserves a second look', 'promo'],
    ['Related: Rich are paying more in taxes', 'promo'],
    ['Story continues below advertisement', 'promo'],
    ['Sign up for our newsletter to get the best stories in your inbox.', 'promo'],
    ['Get the Morning Briefing newsletter delivered to your inbox every weekday.', 'promo'],
    ['[What you need to know to start the day: Get New York Today in your inbox.]', 'promo'],
    ['Share on Facebook', 'promo'],
    ['Facebook Twitter LinkedIn Email', 'promo'],
    ['Follow us on Twitter', 'promo'],
    ['Jane Doe is a reporter for the Ledger covering City Hall. Follow her on Twitter @janedoe.', 'promo'],
    ['Residents were told to follow the detour on Facebook Road until the bridge reopens next week.', null],
    ['Sign in to continue reading', 'promo'],
    ['Already a subscriber? Log in', 'promo'],
    ['This article is for subscribers only.', 'promo'],
    ['Traffic crosses the bridge on Tuesday. (Photo: AP)', 'caption'],
    ['Protesters gather outside parliament. (AP Photo/Evan Vucci)', 'caption'],
    ['Firefighters at the scene on Monday. Jane Doe/Getty Images', 'caption'],
    ['The president at a rally in Ohio. AFP via Getty Images', 'caption'],
    ['Photo: Ledger staff', 'caption'],
    ['Photograph: Adrian Malloch/The Guardian', 'caption'],
    ['图为马素湘在澳大利亚悉尼游玩时的近影。', 'caption'],
    ['By the time the ferry docked, the protesters had already gone home.', null],
    ['The review copies went out in May, and the reviews that came back were mostly kind to the mayor’s memoir.', null],
    ['When the Ninth Street Bridge closed for three days last month, it was not because of a storm.', null],
    [
      'The newsletter business has boomed since 2020, and many reporters now run one of their own alongside their day jobs at larger outlets.',
      null,
    ],
    ['She sold the photo to Getty Images in 2009 and never saw it again.', null],
    ['Mayor Ellen Park has promised a bridge plan by May 5.', null],
    ['Just 5 of 41 bridges were inspected on time last year.', null],
    // Bylines and datelines written as paragraphs.
    ['By Jane Doe, John Roe on Monday, November 18th, 2019 at 11:08 a.m.', 'byline'],
    ['von Michael Rädel, Redaktion', 'byline'],
    ['24. März 2004, 19:49 | Genesis', 'dateline'],
    ['An interview by Jane Doe with John Roe.', 'byline'],
    ['Ein Interview von Jane Doe mit John Roe', 'byline'],
    ['An interview by the council with the engineers who inspected the bridge.', null],
    ['By the council’s own count, on Monday 17 bridges were closed.', null],
    // Breadcrumbs.
    ['News » Local » Bridges', 'breadcrumb'],
    ['> Blog > Aus den Ländern > Digitalpolitische Jahrestagung 2015', 'breadcrumb'],
    ['Riverside / Ninth Street / Bridge', 'breadcrumb'],
    ['The levy passed 5/4 after a long night.', null],
    // Captions and credits without a figcaption.
    ['Ahmed Zarrouki, Avenue Hbib Bourguiba, Tunis. © Jane Doe', 'caption'],
    ['Das FWR reagiert mit Entsetzen auf den Amoklauf. (Quelle: Fleischmann/Unsplash/DJV)', 'caption'],
    ['Roman Prymula, photo: Archives du Gouvernement tchèque', 'caption'],
    ['Lee Elder war mit Talent gesegnet. | © Augusta National/Getty Images', 'caption'],
    // Promos at the end of an article.
    ['Let our news meet your inbox. The news and the stories behind it, every weekday.', 'promo'],
    ['Subscribe to the print magazine and save 40% on every issue.', 'promo'],
    ['You can view our earlier coverage of the bridges here.', 'promo'],
    ['To view the full story, please subscribe to The Ledger.', 'promo'],
    ['Czytaj też: Wyścig zbrojeń ruszył z kopyta', 'promo'],
    ['Lesen Sie auch: Die Brücke bleibt gesperrt', 'promo'],
    ['Um den Tipp kommentieren zu können, müssen Sie eingeloggt sein.', 'promo'],
    ['Dieser Beitrag stammt aus Ausgabe 7/2019 der Technology Review.', 'promo'],
    // Disclosures and house rules.
    ['This post may contain affiliate links. If you buy through them, we may earn a commission.', 'notice'],
    ['Für Links auf dieser Seite erhält CHIP ggf. eine Provision vom Händler.', 'notice'],
    ['Comments are moderated and will appear after review.', 'notice'],
    ['Beschimpfungen akzeptiere ich aber nicht unter den Kommentaren.', 'notice'],
    ['This entry was posted in Allgemein. Bookmark the permalink.', 'notice'],
    ['Vielen Dank an den Verlag für die Bereitstellung des Rezensionsexemplares.', 'notice'],
    ['I received a review copy from the publisher; my opinions are my own.', 'notice'],
    ['© 2022, The Ledger. All rights reserved.', 'caption'],
    ['Durchschnitt: 4.6 (7 Bewertungen)', 'notice'],
    ['4.5 out of 5 (120 ratings)', 'notice'],
    ['Article mis à jour le 7 janvier 2020.', 'notice'],
    ['Stand des Artikels: 26. Februar 2020, 12:30 Uhr.', 'notice'],
    ['miércoles, 11 de mayo de 2022 - 3:40 a.m.', 'dateline'],
    ['Publicado el 3 de marzo de 2021', 'dateline'],
    ['mardi 3 mars 2020 à 10h30', 'dateline'],
    ['12 listopada 2019, 14:30', 'dateline'],
    // A place before the stamp: names only, then a date with year and clock time.
    ['Riverside, Ohio 26, April, 2022 7:43 p.m.', 'dateline'],
    ['RIVERSIDE 12.05.2022 14:30', 'dateline'],
    ['Riverside voted at 7:43 p.m. on 26 April 2022.', null],
    ['Am 3. März 2021 wählt Berlin einen neuen Senat.', null],
    ['Vous pourrez à tout moment vous désabonner en cliquant sur le lien.', 'promo'],
    ['Sie können den Newsletter jederzeit abbestellen.', 'promo'],
    ['You can unsubscribe at any time.', 'promo'],
    ['Customers who opt out of the plan pay more.', null],
    ['Erhalte Updates direkt auf dieses Gerät – abonniere jetzt.', 'promo'],
    ['The app sends notifications to your device when the bridge closes.', null],
    ['Warning: mysql_connect(): Too many connections in /var/www/html/db.php on line 12', 'notice'],
    ['Warning: the bridge is closed in both directions until Friday.', null],
    ['The bridge closed on 7 January 2020 after an inspector found a rusted bearing.', null],
    ['She gave it 4 stars out of 5.', null],
    ['Die Wahl findet am 26. September 2021 statt.', null],
    ['The mayor declined to comment, and the bridge stayed closed.', null],
    ['The council approved the plan after comments from residents.', null],
    ['Netflix lost 200,000 subscribers, and the price of its subscription rose to $15.', null],
  ]
  for (const [text, expected] of cases) t.equal(classifyParagraph(text), expected, text)
})

t.test('text helpers', async (t) => {
  t.equal(collapseWhitespace('  a\u00a0 b\n\tc\u200b  '), 'a b c')
  const cuts: Array<[text: string, max: number, expected: string]> = [
    ['The city can’t keep patching its bridges', 100, 'The city can’t keep patching its bridges'],
    ['The city can’t keep patching its bridges', 20, 'The city can’t keep…'],
    ['The city, can’t keep patching', 10, 'The city…'],
    ['翱翔于距地球数千公里的太空中', 6, '翱翔于距地…'],
  ]
  for (const [text, max, expected] of cuts) t.equal(truncateAtWord(text, max), expected, `${text} / ${max}`)
})
