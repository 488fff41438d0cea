import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { findForum, listForums } from '../../db/forums.js'
import type { Queryable } from '../../db/pool.js'
import { listRepliesAfter } from '../../db/thread-reads.js'
import { findReplyThread, listReplyLinks } from '../../db/replies.js'
import { AppError, badRequest, notFound } from '../../errors.js'
import { FORUM_SLUG_MAX, TITLE_MAX } from '../../limits.js'
import { IdParams } from '../../schemas/common.js'
import { PostForm, PostQuery, ReplyForm, SubmitQuery, ThreadQuery } from '../../schemas/forms.js'
import type { Config } from '../../config.js'
import { assertMayAct } from '../../services/suspensions.js'
import { checkReplyBody, postingRulesFor, postReply, postThread, type PostedThread } from '../../services/posting.js'
import { pageOfReply, replyPath, treeOrder } from '../../views/reply-tree.js'
import { threadAddress } from './thread-address.js'
import { Type } from 'typebox'
import { formRefusal, loginRedirect, refusal, renderPage, typed } from './render.js'
import type { ThreadPage } from './thread-page.js'

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

/** The thread an address (as ThreadAddressParams takes it) names: the id before its slug. */
const threadIdOf = (address: string) => Number(/^\d+/.exec(address)![0])

const SlugParams = Type.Object({ slug: Type.String({ maxLength: FORUM_SLUG_MAX }) })

const threadRoutes: FastifyPluginAsyncTypebox<{ config: Config; threadPage: ThreadPage }> = async (
  app,
  { config, threadPage },
) => {
  const { addressOf, showThread } = threadPage

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
      const id = threadIdOf(request.params.id)
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

  // The reply form used to post here; an address kept from then (or reloaded), or a page's relative
  // Reply link followed from a form re-shown here, leads to the thread with its query kept.
  app.get('/threads/:id/replies', { schema: { params: IdParams } }, async (request, reply) => {
    const query = request.url.indexOf('?')
    return reply.redirect(
      `${await addressOf(request.params.id)}${query < 0 ? '' : request.url.slice(query)}#reply`,
      303,
    )
  })

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
      assertMayAct(request.member)
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

  const postOptions = { schema: { body: PostForm }, attachValidation: true }
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
    request: FastifyRequest<{ Params: { id: string }; Body: { body: string; parentId?: number; preview?: string } }>,
    reply: FastifyReply,
  ) {
    // A bad address is an error page (formRefusal throws it) before any thread is looked up.
    const refused = formRefusal(request)
    // The thread's own address (its id and slug) takes a reply as its bare id does.
    const threadId = threadIdOf(request.params.id)
    const body = typed(request.body?.body)
    const parentId = typeof request.body?.parentId === 'number' ? request.body.parentId : undefined
    const draft = { body, parentId }
    const address = await addressOf(threadId)
    if (refused) return showThread(request, reply, threadId, address, {}, { ...draft, error: refused }, 400)
    if (!request.member)
      return showThread(request, reply, threadId, address, {}, { ...draft, error: 'Log in to reply.' }, 401)
    try {
      assertMayAct(request.member)
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

  const replyOptions = { schema: { params: ThreadAddressParams, body: ReplyForm }, attachValidation: true }
  app.post('/threads/:id', replyOptions, answer)
  app.post('/threads/:id/replies', replyOptions, answer)
}

export default threadRoutes
