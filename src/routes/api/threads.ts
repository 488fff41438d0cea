import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { listReplies } from '../../db/replies.js'
import { findThread, listLatestThreads } from '../../db/threads.js'
import { notFound } from '../../errors.js'
import { postReply, postThread } from '../../forum/posting.js'
import { presentReply, presentThread } from '../../forum/present.js'
import { requireMember } from '../../plugins/auth.js'
import { ErrorBody, IdParams, PageQuery } from '../../schemas/common.js'
import { NewReply, NewThread, Reply, Thread } from '../../schemas/threads.js'

const PAGE_SIZE = 25

const threadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/threads',
    { schema: { body: NewThread, response: { 202: Type.Object({ thread: Thread }), '4xx': ErrorBody } } },
    async (request, reply) => {
      const member = requireMember(request)
      const id = await postThread(app.pool, app.digestQueue, { ...request.body, authorId: member.id }, (err) =>
        request.log.error({ err }, 'could not queue the digest; the worker sweep will pick it up'),
      )
      const thread = await findThread(app.pool, id)
      return reply.status(202).send({ thread: presentThread(thread!) })
    },
  )

  app.get(
    '/threads',
    { schema: { querystring: PageQuery, response: { 200: Type.Object({ threads: Type.Array(Thread) }) } } },
    async (request) => {
      const page = request.query.page ?? 1
      const threads = await listLatestThreads(app.pool, PAGE_SIZE, (page - 1) * PAGE_SIZE)
      return { threads: threads.map(presentThread) }
    },
  )

  app.get(
    '/threads/:id',
    { schema: { params: IdParams, response: { 200: Type.Object({ thread: Thread }), '4xx': ErrorBody } } },
    async (request) => {
      const thread = await findThread(app.pool, request.params.id)
      if (!thread) throw notFound('unknown_thread', `There is no thread ${request.params.id}.`)
      return { thread: presentThread(thread) }
    },
  )

  app.get(
    '/threads/:id/replies',
    { schema: { params: IdParams, response: { 200: Type.Object({ replies: Type.Array(Reply) }), '4xx': ErrorBody } } },
    async (request) => {
      const thread = await findThread(app.pool, request.params.id)
      if (!thread) throw notFound('unknown_thread', `There is no thread ${request.params.id}.`)
      return { replies: (await listReplies(app.pool, thread.id)).map(presentReply) }
    },
  )

  app.post(
    '/threads/:id/replies',
    { schema: { params: IdParams, body: NewReply, response: { 201: Type.Object({ reply: Reply }), '4xx': ErrorBody } } },
    async (request, reply) => {
      const member = requireMember(request)
      const created = await postReply(app.pool, { threadId: request.params.id, ...request.body, authorId: member.id })
      return reply.status(201).send({ reply: presentReply(created) })
    },
  )
}

export default threadRoutes
