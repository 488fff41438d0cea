import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listReplies } from '../../db/replies.js'
import { findThread, listThreadPage, THREADS_PER_PAGE } from '../../db/threads.js'
import { notFound } from '../../errors.js'
import { findThreadByLinkKeys } from '../../db/links.js'
import type { Config } from '../../config.js'
import { checkSubmittedUrl, postingRulesFor, postReply, postThread } from '../../services/posting.js'
import { presentReply, presentThread, presentThreadById, refuseHiddenThread } from '../../views/present-thread.js'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody, IdParams, PageQuery } from '../../schemas/common.js'
import { NewReply, NewThread, Reply, Thread } from '../../schemas/threads.js'
import { URL_MAX } from '../../limits.js'

const threadRoutes: FastifyPluginAsyncTypebox<{ config: Config }> = async (app, { config }) => {
  const { duplicateWindowDays } = config
  const loadThread = (id: number) => presentThreadById(app.pool, id, duplicateWindowDays)

  app.post(
    '/threads',
    {
      config: { memberActs: true },
      schema: {
        body: NewThread,
        response: {
          200: Type.Object(
            { thread: Thread, duplicate: Type.Literal(true), commentReply: Type.Optional(Reply) },
            { additionalProperties: false },
          ),
          202: Type.Object({ thread: Thread }, { additionalProperties: false }),
          '4xx': ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const member = requireMember(request)
      await app.limitRate(request, 'link')
      const posted = await postThread(
        app.pool,
        app.digestQueue,
        { ...request.body, author: member },
        postingRulesFor(config, request.host),
        (err) => request.log.error({ err }, 'could not queue the digest; the worker sweep will pick it up'),
      )
      const thread = await loadThread(posted.id)
      // An existing thread is the answer, not a new one: 200, where to go and where the comment went.
      if (!posted.duplicate) return reply.status(202).send({ thread })
      const commentReply = posted.commentReply && presentReply(posted.commentReply)
      return reply.status(200).send({ thread, duplicate: true as const, ...(commentReply ? { commentReply } : {}) })
    },
  )

  app.get(
    '/links',
    {
      schema: {
        querystring: Type.Object({ url: Type.String({ maxLength: URL_MAX }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({ thread: Type.Union([Thread, Type.Null()]), duplicate: Type.Boolean() }),
          '4xx': ErrorBody,
        },
      },
    },
    async (request) => {
      const { key } = checkSubmittedUrl(request.query.url)
      const found = await findThreadByLinkKeys(app.pool, [key], duplicateWindowDays)
      return { thread: found ? await loadThread(found.id) : null, duplicate: found?.withinWindow ?? false }
    },
  )

  app.get(
    '/threads',
    { schema: { querystring: PageQuery, response: { 200: Type.Object({ threads: Type.Array(Thread) }) } } },
    async (request) => {
      const page = request.query.page ?? 1
      const { threads } = await listThreadPage(
        app.pool,
        { order: 'new' },
        { offset: (page - 1) * THREADS_PER_PAGE },
        THREADS_PER_PAGE,
      )
      return { threads: threads.map((t) => presentThread(t)) }
    },
  )

  app.get(
    '/threads/:id',
    { schema: { params: IdParams, response: { 200: Type.Object({ thread: Thread }), '4xx': ErrorBody } } },
    async (request, reply) => {
      await app.sendSharedDocument(request, reply, {
        key: `/threads/${request.params.id}`,
        thread: request.params.id,
        load: async () => ({ thread: await loadThread(request.params.id) }),
      })
    },
  )

  app.get(
    '/threads/:id/replies',
    { schema: { params: IdParams, response: { 200: Type.Object({ replies: Type.Array(Reply) }), '4xx': ErrorBody } } },
    async (request) => {
      const thread = await findThread(app.pool, request.params.id)
      if (!thread) throw notFound('unknown_thread', `There is no thread ${request.params.id}.`)
      refuseHiddenThread(thread)
      return { replies: (await listReplies(app.pool, thread.id)).map(presentReply) }
    },
  )

  app.post(
    '/threads/:id/replies',
    {
      config: { memberActs: true },
      schema: { params: IdParams, body: NewReply, response: { 201: Type.Object({ reply: Reply }), '4xx': ErrorBody } },
    },
    async (request, reply) => {
      const member = requireMember(request)
      await app.limitRate(request, 'reply')
      const created = await postReply(app.pool, { threadId: request.params.id, ...request.body, authorId: member.id })
      return reply.status(201).send({ reply: presentReply(created) })
    },
  )
}

export default threadRoutes
