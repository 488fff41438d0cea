import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../../config.js'
import { isWatching } from '../../db/notifications.js'
import { listReplyLinks, listRepliesById } from '../../db/replies.js'
import { recordRead } from '../../db/thread-reads.js'
import { findThreadTitle } from '../../db/threads.js'
import { notFound } from '../../errors.js'
import { quoteInMarkdown } from '../../render/post-text.js'
import { linkPreview } from '../../views/link-preview.js'
import { loadThreadView, presentReply, presentReplyPage, presentThread } from '../../views/present-thread.js'
import { pageOfReply, replyPage, replyPageCount, threadPagePath, treeOrder } from '../../views/reply-tree.js'
import { threadPath } from '../../views/thread-path.js'
import { renderPage } from './render.js'

/** Notices shown on a thread page after a redirect, by their `?notice=` name. */
const NOTICES = new Map([
  ['moved', 'Moved: the thread is in this forum now.'],
  ['already-posted', 'That link was already posted, so here is its discussion.'],
  [
    'already-posted-comment-added',
    'That link was already posted, so here is its discussion; your comment was added as a reply.',
  ],
])

/** Threads whose address each web process keeps; past this, all are forgotten. */
const ADDRESSES_KEPT = 100_000

/** A reply being written, shown again in the thread's form (refused, or previewed). */
export interface ReplyDraft {
  error?: string
  body?: string
  parentId?: number | undefined
  preview?: boolean
}

/**
 * A thread's page as the routes that show it share it: its address (kept per process until the
 * thread changes), and the page itself, from the page cache or, with a notice, a reply being
 * answered or a refused form, for one request.
 */
export function threadPageOf(app: FastifyInstance, config: Config) {
  const { duplicateWindowDays } = config
  // Each thread's address (its headline's slug), kept until a change to the thread is heard.
  const addresses = new Map<number, string>()
  app.onPageChange((thread) => (thread === null ? addresses.clear() : addresses.delete(thread)))
  async function addressOf(id: number): Promise<string> {
    const kept = addresses.get(id)
    if (kept) return kept
    const found = await findThreadTitle(app.pool, id)
    if (!found) throw notFound('unknown_thread', `There is no thread ${id}.`)
    const address = threadPath(id, found.title)
    if (addresses.size >= ADDRESSES_KEPT) addresses.clear()
    addresses.set(id, address)
    return address
  }

  async function showThread(
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    address: string,
    query: {
      notice?: string | undefined
      replyTo?: number | undefined
      page?: number | undefined
      quote?: number | undefined
    },
    form: ReplyDraft = {},
    status = 200,
    changesArrived = false,
  ) {
    const load = async () => {
      const [{ thread: row, ...extras }, links] = await Promise.all([
        loadThreadView(app.pool, id, duplicateWindowDays),
        listReplyLinks(app.pool, id),
      ])
      const thread = presentThread(row, extras)
      const order = treeOrder(links)
      const pages = replyPageCount(order.length)
      // "Reply" under a post opens the form answering it, on the page that shows it; an id not in
      // this thread is ignored.
      const answering = form.parentId ?? query.replyTo
      const page = (answering === undefined ? undefined : pageOfReply(order, answering)) ?? query.page ?? 1
      if (page > pages)
        throw notFound('unknown_page', `This thread has ${pages === 1 ? 'one page' : `${pages} pages`} of replies.`)
      const rows = await listRepliesById(
        app.pool,
        replyPage(order, page).map((r) => r.id),
      )
      const answered = rows.find((r) => r.id === answering)
      // "Quote" opens the form with the reply's words in it, for a member to answer.
      const quoted =
        query.quote === 1 &&
        request.member &&
        answered &&
        !answered.deletedAt &&
        !answered.hiddenBy &&
        form.body === undefined
          ? { body: quoteInMarkdown(answered.authorName, answered.body) }
          : {}
      return {
        // A hidden thread's page shows nothing it said, its headline included.
        title: thread.hiddenBy ? 'Hidden thread' : page > 1 ? `${thread.heading} (page ${page})` : thread.heading,
        feeds: { page: `/threads/${id}`, title: `Replies: ${thread.heading}` },
        // A hidden thread's headline is not shown to other sites.
        preview: thread.hiddenBy ? undefined : linkPreview(row, config.publicUrl),
        thread,
        replies: presentReplyPage(address, order, page, rows),
        pager: { page, pages, base: address },
        notice: NOTICES.get(String(query.notice)),
        // After "Try fetching again", a failure is news: the page says this attempt failed too.
        retried: query.notice === 'retried',
        refresh: thread.isWaiting ? 2 : 0,
        form: { ...quoted, ...form },
        replyingTo: answered && presentReply(answered),
      }
    }
    // The thread as everyone sees it comes from the page cache; a notice, a reply being answered
    // or a refused reply make a page for this request alone.
    const plain = status === 200 && !query.notice && !query.replyTo && Object.keys(form).length === 0
    // The Watch button says whether they watch it: looked up once, then kept with their session.
    const { signedIn } = request
    const knowing = signedIn?.knowWatching(id, () => isWatching(app.pool, signedIn.member.id, id))
    if (knowing) await knowing
    const sent = plain
      ? await app.sendSharedPage(request, reply, {
          path: threadPagePath(address, query.page ?? 1),
          thread: id,
          template: 'thread',
          load,
          changesArrived,
        })
      : await renderPage(request, reply, 'thread', await load(), status)
    noteRead(request, id)
    return sent
  }

  /**
   * A member opened the thread: kept for their unread marks. Written only when the thread may have
   * changed since their last recorded read (a reread of an unchanged thread writes nothing).
   */
  function noteRead(request: FastifyRequest, threadId: number) {
    const { signedIn } = request
    if (!signedIn) return
    const read = signedIn.reads.get(threadId)
    if (read !== undefined && !app.threadChangedSince(threadId, read)) return
    signedIn.noteRead(threadId, Date.now())
    recordRead(app.pool, signedIn.member.id, threadId).catch((err: unknown) =>
      request.log.warn({ err }, 'could not record that a member read a thread'),
    )
  }

  return { addressOf, showThread }
}

export type ThreadPage = ReturnType<typeof threadPageOf>
