import t from 'tap'
import type { ThreadRow } from '../../src/db/threads.js'
import { presentThread } from '../../src/views/present-thread.js'

const LEDE = 'When the Ninth Street Bridge closed for three days last month, it was not because of a storm.'
const DEK = 'A decade of patching has left the city with bridges it cannot afford to close.'

const row = (over: Partial<ThreadRow>): ThreadRow => ({
  id: 1,
  authorId: 1,
  status: 'ready',
  errorReason: null,
  errorMessage: null,
  title: 'The city can’t keep patching its bridges',
  byline: null,
  siteName: null,
  lang: null,
  imageUrl: null,
  publishedTime: null,
  publishedTimePrecision: 'time',
  modifiedTime: null,
  modifiedTimePrecision: 'time',
  standfirst: null,
  excerpt: [LEDE],
  submittedUrl: 'https://ledger.example/bridges',
  finalUrl: null,
  canonicalUrl: null,
  comment: null,
  commentEditedAt: null,
  forumSlug: 'editorials',
  forumName: 'Editorials',
  groupSlug: 'issues',
  groupName: 'Issues',
  authorName: 'jane',
  authorPostCount: 1,
  authorStar: false,
  createdAt: new Date('2026-01-01T00:00:00Z'),
  lastActivityAt: new Date('2026-01-01T00:00:00Z'),
  replyCount: 0,
  recCount: 0,
  lastReplyBy: null,
  lastReplyStar: false,
  previousId: null,
  previousTitle: null,
  previousCreatedAt: null,
  editedBy: null,
  editedAt: null,
  paywalled: false,
  sourceUpdatedAt: null,
  forumId: 1,
  hiddenBy: null,
  lockedAt: null,
  pinnedAt: null,
  ...over,
})

t.test(
  'the standfirst is the API field as stored, and the page subtitle unless the excerpt opens with it',
  async (t) => {
    const cases: Array<[standfirst: string | null, excerpt: string[], subtitle: string | null]> = [
      [DEK, [LEDE], DEK],
      [DEK, [`${DEK} And then some.`, LEDE], null],
      [null, [LEDE], null],
      [DEK, [], DEK],
    ]
    for (const [standfirst, excerpt, subtitle] of cases) {
      const view = presentThread(row({ standfirst, excerpt }))
      t.equal(view.standfirst, standfirst)
      t.equal(view.subtitle, subtitle, `${standfirst} / ${excerpt[0]}`)
      t.notOk(Object.keys(view).includes('subtitle'), 'the subtitle is for pages only')
    }
  },
)
