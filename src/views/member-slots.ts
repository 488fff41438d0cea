import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyRequest } from 'fastify'
import type { SessionMember } from '../db/sessions.js'
import { VIEWS_DIR } from '../paths.js'
import { eta, templateContext } from '../render/eta.js'
import { mayChangeDigest } from '../services/digest-edits.js'
import { mayChangeForumSettings } from '../services/forum-settings.js'
import { moderatesForum } from '../services/permissions.js'
import { isSuspended, suspendedNote, suspensionMessage } from '../services/suspensions.js'
import { asciiHtml } from '../render/ascii-output.js'

/**
 * The parts of a page that differ per reader. A page is rendered once for everyone with a marker
 * where each goes (the page cache keeps that), and each reader's parts are filled in per request;
 * a page rendered for one request fills them in at once. NUL marks them: Postgres text cannot hold
 * it, so nothing a member wrote can forge one.
 */
export const SLOT_MARK = '\u0000'

export interface Reader {
  member: SessionMember | null
  /** The threads this reader has recommended. */
  recommended: ReadonlySet<number>
  /** The members whose posts this reader does not want to see. */
  ignored: readonly string[]
  /** When this reader last opened the threads they opened lately (ms). */
  reads: ReadonlyMap<number, number>
  unread: number
  /** Alerts waiting in the forums the reader moderates (null: they moderate none). */
  openAlerts: number | null
  /** Whether the reader watches a thread, for the threads their request looked up. */
  watching: ReadonlyMap<number, boolean>
  timeZone: string
}

const NO_RECS: ReadonlySet<number> = new Set()
const NO_READS: ReadonlyMap<number, number> = new Map()
const NO_WATCHES: ReadonlyMap<number, boolean> = new Map()

/** Threads (id, last activity in ms) the reader opened before their latest reply came. */
const unreadOf = (threads: [number, number][], reads: ReadonlyMap<number, number>) =>
  threads.filter(([id, activity]) => {
    const read = reads.get(id)
    return read !== undefined && activity > read
  })

/** Who reads this request's page. */
export const readerOf = (request: FastifyRequest): Reader => ({
  member: request.member,
  recommended: request.recommended ?? NO_RECS,
  ignored: request.ignored ?? [],
  reads: request.reads ?? NO_READS,
  unread: request.unread,
  openAlerts: request.openAlerts,
  watching: request.watching ?? NO_WATCHES,
  timeZone: request.server.timeZone,
})

interface Slots {
  /** The header's log-in links, or the member's name and "Log out". */
  account: { path: string }
  /**
   * Editing (or retrying) a digest, for its poster and moderators once the fetcher is done; editing
   * the words posted with the link, for the poster alone.
   */
  digestCare: { id: number; isFailed: boolean; isWaiting: boolean; authorId: number; hasComment: boolean }
  /** The reply form for members; for others, what they typed (a refused reply) and how to log in. */
  replyForm: {
    threadId: number
    /** The thread page's address. */
    path: string
    replyingTo: { id: number; username: string } | undefined
    /** `preview`: the member asked to see the text rendered before posting it. */
    form: { error?: string; body?: string; preview?: boolean }
  }
  /**
   * The page's rules hiding what ignored members wrote: posts carry their author's name
   * (data-author), so the cached page stays one copy and this is a few lines of CSS per reader.
   */
  ignoreStyle: Record<string, never>
  /**
   * In a list: marks on the threads with replies since the reader last opened them, whose links then
   * lead to the first reply the reader has not seen.
   */
  unreadMarks: { threads: [number, number][] }
  /** On a thread page: that replies came since the reader last opened it, and a link to the first. */
  unreadNotice: { threadId: number; lastActivity: number }
  /** Watch / Unwatch: new replies in a watched thread come to the member's inbox. */
  watch: { threadId: number }
  /** A thread's recs, and the button to give (or take back) one. */
  rec: { threadId: number; path: string; authorId: number; recCount: number }
  /**
   * Under a reply, the links only some readers may follow: Edit and Delete for its author (Delete
   * alone while they are suspended), Moderate for the forum's hosts and moderators; under a hidden
   * reply, the way to its text for the same readers. Other readers get nothing, so the page
   * everyone shares carries none of them.
   */
  replyTools: { id: number; author: string; forumId: number; hidden: boolean }
  /** A forum's settings, for moderators. */
  forumSettings: {
    slug: string
    settings: { excerptParagraphs: string; excerptMaxChars: string; error?: string }
    excerptDefaults: { paragraphs: number; maxChars: number }
  }
  /** On every page: a suspended member is told why and until when. */
  suspension: Record<string, never>
  /**
   * On a thread page: for its forum's hosts and moderators, the way to the thread's moderation page,
   * and a hidden thread's "show" link revealed by a rule; the poster of a hidden thread gets that
   * link too.
   */
  modControls: { threadId: number; forumId: number; authorId: number; locked: boolean; pinned: boolean }
}

export type SlotName = keyof Slots

/**
 * A part is filled on every member's request: its template is read and compiled once, under a
 * name of its own, so filling it skips the engine's path resolution.
 */
function render(template: string, data: object, reader: Reader): string {
  const name = `@${template}`
  if (!eta.templatesSync.get(name)) eta.loadTemplate(name, readFileSync(join(VIEWS_DIR, `${template}.eta`), 'utf8'))
  return asciiHtml(eta.render(name, { ...templateContext(reader.timeZone), ...data, member: reader.member }))
}

const FILL: { [N in SlotName]: (data: Slots[N], reader: Reader) => string } = {
  account: (data, reader) =>
    render('slots/account', { ...data, unread: reader.unread, openAlerts: reader.openAlerts }, reader),
  digestCare: (data, reader) => {
    if (!reader.member) return ''
    const digest = !data.isWaiting && mayChangeDigest(reader.member, data.authorId)
    const words = reader.member.id === data.authorId && !isSuspended(reader.member)
    return digest || words ? render('slots/digest-care', { ...data, digest, words }, reader) : ''
  },
  replyForm: (data, reader) =>
    render('slots/reply-form', { ...data, suspended: suspendedNote(reader.member, 'reply') }, reader),
  ignoreStyle: (_data, reader) => {
    // Names are letters, digits, dots, dashes and underscores: safe inside a quoted CSS string.
    const names = reader.ignored.filter((name) => /^[A-Za-z0-9_.-]+$/.test(name))
    return names.length ? render('slots/ignore-style', { names }, reader) : ''
  },
  unreadMarks: (data, reader) => {
    const unread = unreadOf(data.threads, reader.reads)
    // Each with when the reader last opened it: its link leads to the first reply they have not seen.
    const marks = unread.map(([id]) => [id, Math.floor(reader.reads.get(id)!)])
    return marks.length ? render('slots/unread-marks', { marks }, reader) : ''
  },
  unreadNotice: (data, reader) =>
    unreadOf([[data.threadId, data.lastActivity]], reader.reads).length
      ? render('slots/unread-notice', { ...data, since: Math.floor(reader.reads.get(data.threadId)!) }, reader)
      : '',
  watch: (data, reader) =>
    reader.member
      ? render('slots/watch', { ...data, watching: reader.watching.get(data.threadId) ?? false }, reader)
      : '',
  rec: (data, reader) =>
    render(
      'slots/rec',
      {
        ...data,
        recommended: reader.recommended.has(data.threadId),
        suspended: suspendedNote(reader.member, 'recommend'),
      },
      reader,
    ),
  replyTools: (data, reader) => {
    const { member } = reader
    if (!member) return ''
    const own = member.username === data.author
    const moderates = moderatesForum(member, data.forumId)
    const at = `/replies/${data.id}`
    if (data.hidden)
      return own || moderates ? `<p class="muted actions"><a href="${at}/moderate">Show the hidden text</a></p>\n` : ''
    const links = [
      own && !isSuspended(member) ? `<a href="${at}/edit">Edit</a>` : '',
      own ? `<a href="${at}/delete">Delete</a>` : '',
      moderates ? `<a href="${at}/moderate">Moderate</a>` : '',
    ].join('')
    return links && `<span class="tools">${links}</span>`
  },
  forumSettings: (data, reader) =>
    mayChangeForumSettings(reader.member) ? render('slots/forum-settings', data, reader) : '',
  suspension: (_data, reader) =>
    reader.member && isSuspended(reader.member)
      ? render('slots/suspension', { message: suspensionMessage(reader.member) }, reader)
      : '',
  modControls: (data, reader) => {
    if (!reader.member) return ''
    if (moderatesForum(reader.member, data.forumId)) return render('slots/mod-controls', data, reader)
    return reader.member.id === data.authorId ? `<style>.hidden-thread .peek { display: inline; }</style>` : ''
  },
}

export function fillSlot(name: string, data: unknown, reader: Reader): string {
  const fill = FILL[name as SlotName] as ((data: unknown, reader: Reader) => string) | undefined
  if (!fill) throw new Error(`No page part called ${name}`)
  return fill(data, reader)
}

/** In a page rendered for everyone: where a reader's part goes, with what it needs. */
export const slotMarker = (name: SlotName, data: object) =>
  `${SLOT_MARK}${name}${SLOT_MARK}${JSON.stringify(data)}${SLOT_MARK}`

/** The reader's parts of a page, in order: what each shows and the data it was given. */
export type PageSlots = { name: string; data: unknown }[]

/** A page rendered for everyone, cut at its markers: text, then (part, its data, text) again and again. */
export interface MarkedPage {
  texts: string[]
  slots: PageSlots
}

export function cutAtMarkers(html: string): MarkedPage {
  const pieces = html.split(SLOT_MARK)
  const texts = [pieces[0]!]
  const slots: MarkedPage['slots'] = []
  for (let i = 1; i < pieces.length; i += 3) {
    slots.push({ name: pieces[i]!, data: JSON.parse(pieces[i + 1]!) as unknown })
    texts.push(pieces[i + 2] ?? '')
  }
  return { texts, slots }
}

/** A reader's parts of a marked page, in order. */
export const fillSlots = (slots: PageSlots, reader: Reader): string[] =>
  slots.map((slot) => fillSlot(slot.name, slot.data, reader))
