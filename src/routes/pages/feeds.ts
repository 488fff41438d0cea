import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { findFeedStates, listFeedReplies } from '../../db/feed-posts.js'
import { findForum } from '../../db/forums.js'
import { listModerationLog } from '../../db/moderation.js'
import { findThread, listGreatestThreads, listMemberThreads, listThreadPage, type ThreadRow } from '../../db/threads.js'
import { findProfile } from '../../db/users.js'
import { notFound } from '../../errors.js'
import { FEED_ENTRIES, FORUM_SLUG_MAX, USERNAME_MAX } from '../../limits.js'
import { IdParams } from '../../schemas/common.js'
import { FEED_FORMATS, feedPath, type FeedFormat } from '../../render/feed-paths.js'
import { FEED_TYPES, renderFeed, type FeedEntry } from '../../render/feed-xml.js'
import { logEntry, replyEntry, threadEntry, type Absolute } from '../../views/present-feed.js'
import { headingOf } from '../../views/present-thread.js'
import type { Queryable } from '../../db/pool.js'

/** Where the public moderation log is read; its feed is this path's /feed.*. */
const MODERATION_LOG_PATH = '/moderation/log'

interface FeedSource {
  title: string
  description: string
  entries: FeedEntry[]
}

const SlugParams = Type.Object({ slug: Type.String({ maxLength: FORUM_SLUG_MAX }) })
const LogFeedQuery = Type.Object({ forum: Type.Optional(Type.String({ maxLength: FORUM_SLUG_MAX })) })
const UsernameParams = Type.Object({ username: Type.String({ maxLength: USERNAME_MAX }) })

async function forumOrNotFound(db: Queryable, slug: string) {
  const forum = await findForum(db, slug)
  if (!forum) throw notFound('unknown_forum', `There is no forum called "${slug}".`)
  return forum
}

/**
 * RSS 2.0 and Atom feeds of the lists, a member's posts, a thread's replies and the moderation
 * log. Each is made once per change like the pages (the same page_change notices drop it), and
 * answered with an ETag and Last-Modified, so a reader polling an unchanged feed gets a 304.
 */
const feedRoutes: FastifyPluginAsyncTypebox<{ publicUrl: string }> = async (app, { publicUrl }) => {
  const abs: Absolute = (path) => `${publicUrl}${path}`

  /** Ready, visible threads of a list as entries. */
  async function threadEntries(rows: ThreadRow[]): Promise<FeedEntry[]> {
    const states = await findFeedStates(
      app.pool,
      rows.map((t) => t.id),
    )
    return rows.flatMap((t) => threadEntry(t, states.get(t.id), abs) ?? [])
  }

  function sendFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    options: {
      page: string
      /** A filter the page and its feed share (?forum=), with its "?". */
      query?: string
      format: FeedFormat
      thread?: number
      load: () => Promise<FeedSource>
    },
  ) {
    const query = options.query ?? ''
    const self = {
      rss: abs(`${feedPath(options.page, 'rss')}${query}`),
      atom: abs(`${feedPath(options.page, 'atom')}${query}`),
    }
    return app.sendSharedText(request, reply, {
      key: self[options.format],
      ...(options.thread === undefined ? {} : { thread: options.thread }),
      type: FEED_TYPES[options.format],
      load: async () => {
        const source = await options.load()
        const { xml, updated } = renderFeed(
          { ...source, title: `Broadsheet: ${source.title}`, page: abs(`${options.page}${query}`), self },
          options.format,
        )
        return { text: xml, updated }
      },
    })
  }

  for (const format of FEED_FORMATS) {
    app.get(`/feed.${format}`, (request, reply) =>
      sendFeed(request, reply, {
        page: '/',
        format,
        load: async () => ({
          title: 'Latest Discussions',
          description: 'The newest links posted to Broadsheet, each with its source and opening paragraph.',
          entries: await threadEntries(
            (await listThreadPage(app.pool, { order: 'new' }, undefined, FEED_ENTRIES)).threads,
          ),
        }),
      }),
    )

    app.get(`/greatest/feed.${format}`, (request, reply) =>
      sendFeed(request, reply, {
        page: '/greatest',
        format,
        load: async () => ({
          title: 'Greatest Threads',
          description: 'The most recommended threads of the last day.',
          entries: await threadEntries((await listGreatestThreads(app.pool, undefined)).slice(0, FEED_ENTRIES)),
        }),
      }),
    )

    app.get(`/forums/:slug/feed.${format}`, { schema: { params: SlugParams } }, (request, reply) =>
      sendFeed(request, reply, {
        page: `/forums/${request.params.slug}`,
        format,
        load: async () => {
          const forum = await forumOrNotFound(app.pool, request.params.slug)
          const page = await listThreadPage(app.pool, { forumId: forum.id, order: 'new' }, undefined, FEED_ENTRIES)
          return {
            title: forum.name,
            description: `The newest links posted to ${forum.name}.`,
            entries: await threadEntries(page.threads),
          }
        },
      }),
    )

    app.get(`/forums/:slug/greatest/feed.${format}`, { schema: { params: SlugParams } }, (request, reply) =>
      sendFeed(request, reply, {
        page: `/forums/${request.params.slug}/greatest`,
        format,
        load: async () => {
          const forum = await forumOrNotFound(app.pool, request.params.slug)
          return {
            title: `Greatest Threads in ${forum.name}`,
            description: `The most recommended threads of the last day in ${forum.name}.`,
            entries: await threadEntries((await listGreatestThreads(app.pool, forum.id)).slice(0, FEED_ENTRIES)),
          }
        },
      }),
    )

    app.get(`/members/:username/feed.${format}`, { schema: { params: UsernameParams } }, (request, reply) =>
      sendFeed(request, reply, {
        page: `/members/${encodeURIComponent(request.params.username)}`,
        format,
        load: async () => {
          const user = await findProfile(app.pool, request.params.username)
          if (!user) throw notFound('unknown_member', `There is no member called "${request.params.username}".`)
          const [threads, replies] = await Promise.all([
            listMemberThreads(app.pool, user.id, FEED_ENTRIES),
            listFeedReplies(app.pool, { authorId: user.id }, FEED_ENTRIES),
          ])
          const entries = [...(await threadEntries(threads)), ...replies.map((r) => replyEntry(r, abs))]
          entries.sort((a, b) => b.published.getTime() - a.published.getTime())
          return {
            title: `Posts by ${user.username}`,
            description: `Links posted and replies written by ${user.username}.`,
            entries: entries.slice(0, FEED_ENTRIES),
          }
        },
      }),
    )

    app.get(`/threads/:id/feed.${format}`, { schema: { params: IdParams } }, (request, reply) =>
      sendFeed(request, reply, {
        page: `/threads/${request.params.id}`,
        format,
        thread: request.params.id,
        load: async () => {
          const [thread, states] = await Promise.all([
            findThread(app.pool, request.params.id),
            findFeedStates(app.pool, [request.params.id]),
          ])
          if (!thread) throw notFound('unknown_thread', `There is no thread ${request.params.id}.`)
          const replies = await listFeedReplies(app.pool, { threadId: thread.id }, FEED_ENTRIES)
          // The digest itself comes last, oldest, once the newest replies no longer fill the feed.
          const digest = replies.length < FEED_ENTRIES ? await threadEntries([thread]) : []
          const heading = states.get(thread.id)?.hidden ? 'a hidden thread' : headingOf(thread)
          return {
            title: `Replies to “${heading}”`,
            description: `The discussion of “${heading}” on Broadsheet, newest replies first.`,
            entries: [...replies.map((r) => replyEntry(r, abs)), ...digest],
          }
        },
      }),
    )

    // The log's page filters by forum with ?forum=; its feed does the same.
    app.get(`${MODERATION_LOG_PATH}/feed.${format}`, { schema: { querystring: LogFeedQuery } }, (request, reply) => {
      const slug = request.query.forum || undefined
      const query = slug ? `?forum=${encodeURIComponent(slug)}` : ''
      return sendFeed(request, reply, {
        page: MODERATION_LOG_PATH,
        query,
        format,
        load: async () => {
          const forum = slug === undefined ? undefined : await forumOrNotFound(app.pool, slug)
          const log = await listModerationLog(app.pool, { forumId: forum?.id, limit: FEED_ENTRIES })
          return {
            title: forum ? `Moderation log of ${forum.name}` : 'Moderation log',
            description: `Every moderation action${forum ? ` in ${forum.name}` : ''}: who acted, on what, and why.`,
            entries: log.entries.map((row) => logEntry(row, MODERATION_LOG_PATH, abs)),
          }
        },
      })
    })
  }
}

export default feedRoutes
