import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { findForum, listForums } from '../../db/forums.js'
import type { Queryable } from '../../db/pool.js'
import { listRepliesAfter, recordRead } from '../../db/thread-reads.js'
import { isWatching } from '../../db/notifications.js'
import { findReplyThread, listReplyLinks, listRepliesById } from '../../db/replies.js'
import { AppError, badRequest, notFound } from '../../errors.js'
import { FORUM_SLUG_MAX, TITLE_MAX } from '../../limits.js'
import { IdParams } from '../../schemas/common.js'
import { PostForm, PostQuery, ReplyForm, SubmitQuery, ThreadQuery } from '../../schemas/forms.js'
import type { Config } from '../../config.js'
import { checkReplyBody, postingRulesFor, postReply, postThread, type PostedThread } from '../../services/posting.js'
import { quoteInMarkdown } from '../../render/post-text.js'
import { loadThreadView, presentReply, presentReplyPage, presentThread } from '../../views/present-thread.js'
import { pageOfReply, replyPage, replyPageCount, replyPath, threadPagePath, treeOrder } from '../../views/reply-tree.js'
import { findThreadTitle } from '../../db/threads.js'
import { threadPath } from '../../views/thread-path.js'
import { threadAddress } from './thread-address.js'
import { Type } from 'typebox'
import { formRefusal, loginRedirect, refusal, renderPage, typed } from './render.js'
import { linkPreview } from '../../views/link-preview.js'

/** Notices shown on a thread page after a redirect, by their `?notice=` name. */
const NOTICES = new Map([
  ['moved', 'Moved: the thread is in this forum now.'],
  ['already-posted', 'That link was already posted, so here is its discussion.'],
  [
    'already-posted-comment-added',
    'That link was already posted, so here is its discussion; your comment was added as a reply.',
  ],
])

/** Where a post leads: its new thread, or the existing one with a notice (and the comment's reply in view). */
async function postedLocation(pool: Queryable, posted: PostedThread): Promise<string> {
  const address = await threadAddress(pool, posted.id)
  if (!posted.duplicate) return address
  if (!posted.commentReply) return `${address}?notice=already-posted`
  const order = treeOrder(await listReplyLinks(pool, posted.id))
  const page = pageOfReply(order, posted.commentReply.id) ?? 1
  const onPage = page > 1 ? `page=${page}&` : ''
  return `${address}?${onPage}notice=already-posted-comment-added#reply-${posted.commentReply.id}`
}

/** A thread page's address as asked: its id, and whatever slug followed it (the canonical one redirects). */
const ThreadAddressParams = Type.Object(
  { id: Type.String({ pattern: '^[1-9][0-9]{0,15}(-[^/]*)?$', maxLength: 300 }) },
  { additionalProperties: false },
)

/** Threads whose address each web process keeps; past this, all are forgotten. */
const ADDRESSES_KEPT = 100_000

const SlugParams = Type.Object({ slug: Type.String({ maxLength: FORUM_SLUG_MAX }) })

interface ReplyDraft {
  error?: string
  body?: string
  parentId?: number | undefined
  preview?: boolean
}

const threadRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
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

  async function showPostForm(
    request: FastifyRequest,
    reply: FastifyReply,
    form: { url?: string; comment?: string; title?: string; forum?: string | undefined; error?: string | undefined },
    status = 200,
  ) {
    const forums = await listForums(app.pool)
    const chosen = forums.find((f) => f.slug === form.forum)
    const groups = [...new Set(forums.map((f) => f.groupName))].map((name) => ({
      name,
      forums: forums.filter((f) => f.groupName === name),
    }))
    const title = chosen ? `Post a link to ${chosen.name}` : 'Post a link'
    return renderPage(request, reply, 'post', { title, forum: chosen, groups, form }, status)
  }

  // A thread's page is at its id and its headline's slug; any other spelling (the bare id, an old
  // headline's slug) redirects there for good, its query kept. While a thread has no headline its bare id is its address.
  app.get(
    '/threads/:id',
    { schema: { params: ThreadAddressParams, querystring: ThreadQuery } },
    async (request, reply) => {
      const asked = `/threads/${request.params.id}`
      const id = Number(/^\d+/.exec(request.params.id)![0])
      // The kept address must not predate a headline stored before this request, in any process;
      // the page cache then serves without asking again.
      await app.pageChangesArrived()
      const address = await addressOf(id)
      if (address !== asked) {
        const query = request.url.indexOf('?')
        // Not kept by browsers: a headline edited back would otherwise send them round in a loop.
        reply.header('Cache-Control', 'no-cache')
        return reply.redirect(query < 0 ? address : address + request.url.slice(query), 301)
      }
      return showThread(request, reply, id, address, request.query, {}, 200, true)
    },
  )

  // From the unread notice, and a list's link to a thread with new replies (the list's unread marks point
  // it here): the first reply the member has not seen, in reading order, on its page.
  const UnreadQuery = Type.Object({ since: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) })
  app.get('/threads/:id/unread', { schema: { params: IdParams, querystring: UnreadQuery } }, async (request, reply) => {
    const threadId = request.params.id
    const [unseen, links] = await Promise.all([
      listRepliesAfter(app.pool, threadId, request.query.since),
      listReplyLinks(app.pool, threadId),
    ])
    const order = treeOrder(links)
    const first = unseen.size ? order.find((r) => unseen.has(r.id)) : undefined
    const address = await addressOf(threadId)
    return reply.redirect(first === undefined ? address : replyPath(address, order, first.id), 303)
  })

  // A reply's own address, for links from elsewhere (a member's page): the page of its thread that shows it.
  app.get('/replies/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const threadId = await findReplyThread(app.pool, request.params.id)
    if (threadId === undefined) throw notFound('unknown_reply', `There is no reply ${request.params.id}.`)
    const order = treeOrder(await listReplyLinks(app.pool, threadId))
    return reply.redirect(replyPath(await addressOf(threadId), order, request.params.id), 303)
  })

  // The reply form used to post here; an address kept from then (or reloaded) leads to the thread.
  app.get('/threads/:id/replies', { schema: { params: IdParams } }, async (request, reply) =>
    reply.redirect(`${await addressOf(request.params.id)}#reply`, 303),
  )

  app.get('/post', { schema: { querystring: PostQuery } }, (request, reply) => {
    if (!request.member) return reply.redirect(loginRedirect(request), 303)
    return showPostForm(request, reply, { forum: request.query.forum })
  })

  // The bookmarklet's way in: the form filled with the page's address and title, the forum left to choose.
  app.get('/submit', { schema: { querystring: SubmitQuery } }, (request, reply) => {
    if (!request.member) return reply.redirect(loginRedirect(request), 303)
    const { url = '', title = '', forum } = request.query
    return showPostForm(request, reply, {
      url: url.trim(),
      title: title.replace(/\s+/g, ' ').trim().slice(0, TITLE_MAX),
      forum,
    })
  })

  // A forum's own "Post a link": the same form, its forum chosen.
  app.get('/forums/:slug/post', { schema: { params: SlugParams } }, async (request, reply) => {
    const forum = await findForum(app.pool, request.params.slug)
    if (!forum) throw notFound('unknown_forum', `There is no forum called "${request.params.slug}".`)
    if (!request.member) return reply.redirect(loginRedirect(request), 303)
    return showPostForm(request, reply, { forum: forum.slug })
  })

  /** The form names its forum; an older form posted to the forum's own address. */
  async function postLink(
    request: FastifyRequest<{ Body: { url: string; comment: string; title: string; forum?: string | undefined } }>,
    reply: FastifyReply,
    forumSlug: string | undefined,
  ) {
    const body = request.body ?? {}
    const form = { url: typed(body.url), comment: typed(body.comment), title: typed(body.title), forum: forumSlug }
    const refused = formRefusal(request)
    if (refused) return showPostForm(request, reply, { ...form, error: refused }, 400)
    if (!request.member) return showPostForm(request, reply, { ...form, error: 'Log in to post a link.' }, 401)
    try {
      if (!form.forum) throw badRequest('missing_forum', 'Choose the forum the link belongs in.')
      await app.limitRate(request, 'link')
      const posted = await postThread(
        app.pool,
        app.digestQueue,
        { ...form, forum: form.forum, author: request.member },
        postingRulesFor(config, request.host),
        (err) => request.log.error({ err }, 'could not queue the digest; the worker sweep will pick it up'),
      )
      return reply.redirect(await postedLocation(app.pool, posted), 303)
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      return showPostForm(request, reply, { ...form, error: err.message }, refusal(reply, err))
    }
  }

  const postOptions = { schema: { body: PostForm }, attachValidation: true, config: { memberActs: true } }
  app.post('/post', postOptions, (request, reply) => postLink(request, reply, typed(request.body?.forum) || undefined))
  app.post(
    '/forums/:slug/post',
    { ...postOptions, schema: { ...postOptions.schema, params: SlugParams } },
    (request, reply) => postLink(request, reply, typed(request.body?.forum) || request.params.slug),
  )

  /**
   * A refused reply is shown again with its message beside the box and the
   * text kept, at the thread's own address (the form's #reply scrolls to it).
   */
  async function answer(
    request: FastifyRequest<{ Params: { id: number }; Body: { body: string; parentId?: number; preview?: string } }>,
    reply: FastifyReply,
  ) {
    const threadId = request.params.id
    const body = typed(request.body?.body)
    const parentId = typeof request.body?.parentId === 'number' ? request.body.parentId : undefined
    const draft = { body, parentId }
    const address = await addressOf(threadId)
    const refused = formRefusal(request)
    if (refused) return showThread(request, reply, threadId, address, {}, { ...draft, error: refused }, 400)
    if (!request.member)
      return showThread(request, reply, threadId, address, {}, { ...draft, error: 'Log in to reply.' }, 401)
    try {
      if (request.body?.preview) {
        checkReplyBody(body)
        return await showThread(request, reply, threadId, address, {}, { ...draft, preview: true })
      }
      await app.limitRate(request, 'reply')
      const created = await postReply(app.pool, { threadId, parentId, body, authorId: request.member.id })
      return reply.redirect(replyPath(address, treeOrder(await listReplyLinks(app.pool, threadId)), created.id), 303)
    } catch (err) {
      if (!(err instanceof AppError) || err.status === 404) throw err
      return showThread(request, reply, threadId, address, {}, { ...draft, error: err.message }, refusal(reply, err))
    }
  }

  const replyOptions = {
    schema: { params: IdParams, body: ReplyForm },
    attachValidation: true,
    config: { memberActs: true },
  }
  app.post('/threads/:id', replyOptions, answer)
  app.post('/threads/:id/replies', replyOptions, answer)
}

export default threadRoutes
