import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { UserRow } from '../db/users.js'
import { VIEWS_DIR } from '../paths.js'
import { eta, templateContext } from '../render/eta.js'
import { mayChangeDigest } from '../services/digest-edits.js'
import { mayChangeForumSettings } from '../services/forum-settings.js'

/**
 * The parts of a page that differ per reader. A page is rendered once for everyone with a marker
 * where each goes (the page cache keeps that), and each reader's parts are filled in per request;
 * a page rendered for one request fills them in at once. NUL marks them: Postgres text cannot hold
 * it, so nothing a member wrote can forge one.
 */
export const SLOT_MARK = '\u0000'

export interface Reader {
  member: UserRow | null
  timeZone: string
}

interface Slots {
  /** The header's log-in links, or the member's name and "Log out". */
  account: { path: string }
  /** Editing (or retrying) a digest, for its poster and moderators once the fetcher is done. */
  digestCare: { id: number; isFailed: boolean; isWaiting: boolean; authorId: number }
  /** The reply form for members; for others, what they typed (a refused reply) and how to log in. */
  replyForm: {
    threadId: number
    replyingTo: { id: number; username: string } | undefined
    /** `preview`: the member asked to see the text rendered before posting it. */
    form: { error?: string; body?: string; preview?: boolean }
  }
  /** Shows a member "Edit" and "Delete" under their own replies (every reply has them, hidden). */
  ownReplies: Record<string, never>
  /** A forum's settings, for moderators. */
  forumSettings: {
    slug: string
    settings: { excerptParagraphs: string; excerptMaxChars: string; error?: string }
    excerptDefaults: { paragraphs: number; maxChars: number }
  }
}

export type SlotName = keyof Slots

/**
 * A part is filled on every member's request: its template is read and compiled once, under a
 * name of its own, so filling it skips the engine's path resolution.
 */
function render(template: string, data: object, reader: Reader): string {
  const name = `@${template}`
  if (!eta.templatesSync.get(name)) eta.loadTemplate(name, readFileSync(join(VIEWS_DIR, `${template}.eta`), 'utf8'))
  return eta.render(name, { ...templateContext(reader.timeZone), ...data, member: reader.member })
}

const FILL: { [N in SlotName]: (data: Slots[N], reader: Reader) => string } = {
  account: (data, reader) => render('slots/account', data, reader),
  digestCare: (data, reader) =>
    !data.isWaiting && reader.member && mayChangeDigest(reader.member, data.authorId)
      ? render('slots/digest-care', data, reader)
      : '',
  replyForm: (data, reader) => render('slots/reply-form', data, reader),
  // A member's id is a number: nothing in it can leave the rule.
  ownReplies: (_data, reader) =>
    reader.member
      ? `<style>.reply[data-author="${reader.member.id}"] > .actions .own { display: inline; }</style>`
      : '',
  forumSettings: (data, reader) =>
    mayChangeForumSettings(reader.member) ? render('slots/forum-settings', data, reader) : '',
}

export function fillSlot(name: string, data: unknown, reader: Reader): string {
  const fill = FILL[name as SlotName] as ((data: unknown, reader: Reader) => string) | undefined
  if (!fill) throw new Error(`No page part called ${name}`)
  return fill(data, reader)
}

/** In a page rendered for everyone: where a reader's part goes, with what it needs. */
export const slotMarker = (name: SlotName, data: object) =>
  `${SLOT_MARK}${name}${SLOT_MARK}${JSON.stringify(data)}${SLOT_MARK}`

/** A page rendered for everyone, cut at its markers: text, then (part, its data, text) again and again. */
export interface MarkedPage {
  texts: string[]
  slots: { name: string; data: unknown }[]
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
export const fillSlots = (page: MarkedPage, reader: Reader): string[] =>
  page.slots.map((slot) => fillSlot(slot.name, slot.data, reader))
