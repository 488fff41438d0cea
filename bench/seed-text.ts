import { siteOf } from '../src/links/site.js'

/*
 * Pools of made-up but real-looking text for the seeder: the database draws
 * every thread's headline, byline, site and paragraphs, and every reply's
 * body, from these by number, so millions of rows cost a few thousand strings.
 */

/** A small fast PRNG with a fixed seed: the same arguments seed the same data. */
export function randomSource(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
  return { next, pick }
}

const SITES = [
  ['The Harbor Gazette', 'harborgazette.com'],
  ['Daily Meridian', 'dailymeridian.com'],
  ['The Northfield Record', 'northfieldrecord.com'],
  ['Capital Ledger', 'capitalledger.com'],
  ['The Evening Standard-Post', 'standardpost.net'],
  ['Lakeside Courier', 'lakesidecourier.com'],
  ['Pacific Dispatch', 'pacificdispatch.com'],
  ['The Granite Times', 'granitetimes.com'],
  ['Continental Wire', 'continentalwire.org'],
  ['The Prairie Observer', 'prairieobserver.com'],
  ['Metro Tribune', 'metrotribune.com'],
  ['Southern Chronicle', 'southernchronicle.com'],
  ['The Atlantic Sentinel', 'atlanticsentinel.com'],
  ['Riverbend Herald', 'riverbendherald.com'],
  ['Public Affairs Weekly', 'publicaffairsweekly.org'],
  ['The Science Bulletin', 'sciencebulletin.net'],
  ['Market Street Journal', 'marketstreetjournal.com'],
  ['Northern Lights Press', 'northernlightspress.ca'],
  ['The European Review', 'europeanreview.eu'],
  ['Valley News Network', 'valleynewsnetwork.com'],
] as const

const SECTIONS = ['politics', 'world', 'us', 'business', 'science', 'health', 'opinion', 'sports', 'culture', 'tech']

const FIRST = [
  'Maria',
  'James',
  'Aisha',
  'Daniel',
  'Sofia',
  'Michael',
  'Priya',
  'Robert',
  'Elena',
  'David',
  'Grace',
  'Thomas',
  'Nadia',
  'William',
  'Hannah',
  'Carlos',
  'Laura',
  'Kenji',
  'Olivia',
  'Samuel',
  'Fatima',
  'Peter',
  'Rachel',
  'Luis',
  'Anna',
  'Joseph',
  'Chloe',
  'Ahmed',
  'Megan',
  'Victor',
]
const LAST = [
  'Alvarez',
  'Bennett',
  'Chen',
  'Dubois',
  'Edwards',
  'Fischer',
  'Garcia',
  'Hughes',
  'Ibrahim',
  'Jensen',
  'Kowalski',
  'Lindqvist',
  'Morales',
  'Nakamura',
  'Okafor',
  'Patel',
  'Quinn',
  'Rossi',
  'Schmidt',
  'Thompson',
  'Usman',
  'Vargas',
  'Walsh',
  'Xu',
  'Yamamoto',
  'Zimmerman',
  'Brooks',
  'Carter',
  'Donovan',
  'Reyes',
]

const ACCENTED_LAST = ['Müller', 'Núñez', 'Ødegaard', 'Dvořák', 'Lefèvre']

const WHO = [
  'Senate leaders',
  'The governor',
  'City council',
  'Federal regulators',
  'Union workers',
  'The Supreme Court',
  'Health officials',
  'School boards',
  'Farmers',
  'Researchers',
  'The central bank',
  'Tech companies',
  'Voters',
  'The mayor',
  'House Democrats',
  'House Republicans',
  'Prosecutors',
  'Climate scientists',
  'Teachers',
  'Nurses',
]
const DID = [
  'weigh',
  'reject',
  'back',
  'question',
  'delay',
  'unveil',
  'challenge',
  'approve',
  'scrap',
  'defend',
  'push for',
  'warn about',
  'vote on',
  'investigate',
  'sue over',
]
const WHAT = [
  'a new budget deal',
  'the water rights plan',
  'rising rent',
  'the rail expansion',
  'a ban on facial recognition',
  'changes to overtime rules',
  'the wildfire response',
  'drug price caps',
  'a statewide minimum wage',
  'the election audit',
  'the port strike',
  'offshore wind leases',
  'a hospital merger',
  'student loan relief',
  'the bridge repairs',
  'broadband subsidies',
  'police body cameras',
  'the trade agreement',
  'a carbon tax',
  'the vaccine mandate',
]
const WHEN = [
  'as deadline nears',
  'after heated debate',
  'amid protests',
  'in surprise move',
  'ahead of the vote',
  'despite objections',
  'for the first time in decades',
  'after months of talks',
  '',
  '',
  '',
]

/** Real news text has curly quotes, apostrophes and dashes (beyond ASCII), and so does this. */
const SENTENCES = [
  'Officials said the decision followed months of negotiations between the two sides, which had stalled twice over funding.',
  'Critics argued that the measure would fall hardest on small businesses and families already struggling with higher costs — “the people least able to absorb it,” one said.',
  'Supporters pointed to a recent report showing that similar programs elsewhere had cut waiting times by nearly a third.',
  'The proposal still needs approval from a committee that has not yet scheduled a hearing on it.',
  'Several residents who spoke at the meeting said they had not been told about the changes until last week.',
  'In a statement, the agency said it would review the findings and respond within the required thirty days.',
  'Analysts cautioned that the early figures were incomplete and could be revised once more data came in.',
  'The vote was closer than expected, with four members breaking ranks with their party leadership.',
  'Local organizers said they planned to keep pressure on lawmakers through the rest of the session.',
  'The company declined to comment on the lawsuit, citing a policy of not discussing pending litigation.',
  'Experts interviewed for this article agreed that the long-term effects would take years to measure.',
  'A spokesperson for the department said the timeline had been set before the current administration took office.',
  'The figures released on Tuesday showed the largest monthly increase since the spring of last year.',
  'Advocates for the plan said it was a modest first step rather than the sweeping overhaul its opponents described.',
  'Documents obtained by reporters show the risks were flagged in the agency’s internal memo more than a year ago.',
  'The court is expected to hear arguments in the case early next year, with a ruling likely by summer.',
  'Turnout in the district was higher than in any comparable election over the past two decades.',
  'Engineers have warned that the structure needs repairs that will cost far more than the amount set aside.',
  'Some economists say the slowdown reflects global conditions — not any decision made in the capital.',
  'The study, published in a peer-reviewed journal, followed more than twelve thousand participants over a decade.',
  'Neighbors described the area as quiet, and said nothing like this had happened there in years.',
  'The governor told reporters she would sign the bill if it reached her desk in its current form: “It’s a fair deal.”',
  'Union representatives said members would vote on the offer by the end of the month, though the union’s leaders have not endorsed it.',
  'The new rules take effect in January, although businesses with fewer than fifty employees have an extra year.',
]

const REMARKS = [
  'Good find, thanks for posting.',
  'This is exactly what I’ve been worried about.',
  'Kicking for visibility.',
  'I read the whole article and the headline undersells it.',
  'Not surprised in the least.',
  'Does anyone have a link to the original report?',
  'The comments section over there is a mess, but the piece itself is solid.',
  'My town went through the same thing two years ago, and it did not end well.',
  'We’ll see. I’ve heard promises like this before.',
  'Worth reading to the end: the last three paragraphs are the real story.',
]

function paragraph(r: ReturnType<typeof randomSource>, target: number): string {
  let text = r.pick(SENTENCES)
  while (text.length < target) text += ` ${r.pick(SENTENCES)}`
  return text
}

export interface Site {
  name: string
  host: string
}

export interface TextPools {
  sites: Site[]
  sections: string[]
  bylines: string[]
  /** Headline with its URL slug. */
  titles: { title: string; slug: string }[]
  /** About 300 characters each: four make an excerpt. */
  paragraphs: string[]
  /** From one line to several paragraphs, most of them short. */
  replies: string[]
  /** Given names and family names to build member names (and the people articles quote) from. */
  first: string[]
  last: string[]
  /** Made-up place names: each is in a few hundred articles of a million, a rarer word than the rest. */
  towns: string[]
}

export function buildTextPools(seed: number): TextPools {
  const r = randomSource(seed)
  const titles: TextPools['titles'] = []
  for (const who of WHO)
    for (const did of DID) {
      const title = `${who} ${did} ${r.pick(WHAT)} ${r.pick(WHEN)}`.trim()
      titles.push({ title, slug: title.toLowerCase().replace(/[^a-z0-9]+/g, '-') })
    }
  const paragraphs = Array.from({ length: 3000 }, () => paragraph(r, 200 + Math.floor(r.next() * 80)))
  const replies = Array.from({ length: 5000 }, () => {
    const kind = r.next()
    if (kind < 0.35) return r.pick(REMARKS)
    if (kind < 0.75) return `${r.pick(REMARKS)} ${paragraph(r, 80 + Math.floor(r.next() * 200))}`
    if (kind < 0.95) return paragraph(r, 300 + Math.floor(r.next() * 400))
    return Array.from({ length: 2 + Math.floor(r.next() * 3) }, () => paragraph(r, 300)).join('\n\n')
  })
  const bylines: string[] = []
  // Members' names are ASCII (the username rule); the writers quoted in bylines need not be.
  const writers = [...LAST, ...ACCENTED_LAST]
  for (const f of FIRST) bylines.push(`${f} ${r.pick(writers)}`)
  for (let i = 0; i < 20; i++)
    bylines.push(`${r.pick(FIRST)} ${r.pick(writers)} and ${r.pick(FIRST)} ${r.pick(writers)}`)
  return {
    sites: SITES.map(([name, domain]) => ({ name, host: `www.${domain}` })),
    sections: SECTIONS,
    bylines,
    titles,
    paragraphs,
    replies,
    first: FIRST,
    last: LAST,
    towns: Array.from({ length: 3000 }, (_, i) => townName(i)),
  }
}

const TOWN_START = [
  'Ash',
  'Brindle',
  'Cold',
  'Dun',
  'Elm',
  'Fern',
  'Glen',
  'Hollow',
  'Iron',
  'Kings',
  'Lark',
  'Marrow',
  'Nor',
  'Oak',
  'Pike',
  'Quarry',
  'Raven',
  'Stone',
  'Thorn',
  'Wil',
]
const TOWN_MIDDLE = ['', 'a', 'er', 'ing', 'ly', 'en', 'ton', 'is', 'o', 'ham', 'wick', 'ford', 'ridge', 'vale', 'mere']
const TOWN_END = ['moor', 'bury', 'field', 'stead', 'haven', 'by', 'cott', 'dale', 'port', 'worth']

/** One of 3000 distinct names, the same for the same number. */
const townName = (i: number) =>
  `${TOWN_START[i % 20]}${TOWN_MIDDLE[Math.floor(i / 20) % 15]}${TOWN_END[Math.floor(i / 300) % 10]}`

/** The start of a link key for a URL on this host (the rest is the path, as no seeded site has special rules). */
export const keyHostOf = (host: string) => siteOf(host)
