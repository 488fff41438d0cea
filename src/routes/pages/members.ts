import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import { listMemberReplies } from '../../db/replies.js'
import { listMemberThreads, THREADS_PER_PAGE } from '../../db/threads.js'
import { countMembers, findProfile, listMembers, MEMBERS_PER_PAGE } from '../../db/users.js'
import { AppError, notFound } from '../../errors.js'
import { USERNAME_MAX } from '../../limits.js'
import {
  authenticateMember,
  changePassword,
  closeSession,
  openSession,
  registerMember,
  updateBio,
} from '../../services/members.js'
import { SESSION_COOKIE } from '../../plugins/auth.js'
import { BioForm, CredentialsForm, LeaveForm, MemberListQuery, NextQuery, PasswordForm } from '../../schemas/forms.js'
import { IdParams } from '../../schemas/common.js'
import { listMemberSessions, revokeSession } from '../../services/sessions.js'
import { deleteAccount, displayName, formerName } from '../../services/leaving.js'
import { presentMember, presentProfile } from '../../views/present-member.js'
import { presentMemberReply, presentThread } from '../../views/present-thread.js'
import { isAdmin, isModerator } from '../../services/permissions.js'
import { setStarMember } from '../../services/stars.js'
import { formRefusal, loginRedirect, refusal, renderPage, safeNext, typed } from './render.js'
import { ignoreMember } from '../../services/ignores.js'

const SESSION_SECONDS = 30 * 24 * 3600

/** Replies listed on a member's page. */
const MEMBER_REPLIES = 25

const memberRoutes: FastifyPluginAsyncTypebox<{ secureCookies: boolean; newMemberDays: number }> = async (
  app,
  opts,
) => {
  async function signIn(reply: FastifyReply, userId: number, next: string) {
    const token = await openSession(app.pool, userId, 'web')
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: opts.secureCookies,
      signed: true,
      maxAge: SESSION_SECONDS,
    })
    return reply.redirect(next, 303)
  }

  const showCredentialsForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    kind: 'register' | 'login',
    form: { username: string; next: string; error?: string },
    status = 200,
  ) => renderPage(request, reply, kind, { title: kind === 'register' ? 'Register' : 'Log in', form }, status)

  function credentialsPage(kind: 'register' | 'login') {
    return async (
      request: FastifyRequest<{ Body: { username: string; password: string; next?: string } }>,
      reply: FastifyReply,
    ) => {
      const username = typed(request.body?.username).trim()
      const password = typed(request.body?.password)
      const next = safeNext(request.body?.next)
      const refused = formRefusal(request)
      if (refused) return showCredentialsForm(request, reply, kind, { username, next, error: refused }, 400)
      try {
        await app.limitRate(request, kind)
        const user =
          kind === 'register'
            ? await registerMember(app.pool, username, password)
            : await authenticateMember(app.pool, username, password)
        return await signIn(reply, user.id, next)
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        return showCredentialsForm(request, reply, kind, { username, next, error: err.message }, refusal(reply, err))
      }
    }
  }
  const credentials = { schema: { body: CredentialsForm }, attachValidation: true }

  app.get('/register', { schema: { querystring: NextQuery } }, (request, reply) =>
    showCredentialsForm(request, reply, 'register', { username: '', next: safeNext(request.query.next) }),
  )
  app.post('/register', credentials, credentialsPage('register'))

  app.get('/login', { schema: { querystring: NextQuery } }, (request, reply) =>
    showCredentialsForm(request, reply, 'login', { username: '', next: safeNext(request.query.next) }),
  )
  app.post('/login', credentials, credentialsPage('login'))

  app.post('/logout', async (request, reply) => {
    const raw = request.cookies[SESSION_COOKIE]
    const unsigned = raw ? request.unsignCookie(raw) : undefined
    if (unsigned?.valid && unsigned.value) await closeSession(app.pool, unsigned.value)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/', 303)
  })

  app.get('/members', { schema: { querystring: MemberListQuery } }, async (request, reply) => {
    const page = request.query.page ?? 1
    const order = request.query.sort ?? 'newest'
    const prefix = (request.query.q ?? '').trim()
    const [members, total] = await Promise.all([
      listMembers(app.pool, { order, prefix, limit: MEMBERS_PER_PAGE, offset: (page - 1) * MEMBERS_PER_PAGE }),
      countMembers(app.pool, prefix),
    ])
    const params = [
      ...(order === 'newest' ? [] : [`sort=${order}`]),
      ...(prefix ? [`q=${encodeURIComponent(prefix)}`] : []),
    ]
    return renderPage(request, reply, 'members', {
      title: 'Members',
      members: members.map(presentMember),
      order,
      prefix,
      total,
      page,
      pages: Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE)),
      base: `/members${params.length ? `?${params.join('&')}` : ''}`,
    })
  })

  app.get(
    '/members/:username',
    { schema: { params: Type.Object({ username: Type.String({ maxLength: USERNAME_MAX }) }) } },
    async (request, reply) => {
      const user = await findProfile(app.pool, request.params.username)
      if (!user) throw notFound('unknown_member', `There is no member called "${request.params.username}".`)
      const [threads, replies] = await Promise.all([
        listMemberThreads(app.pool, user.id, THREADS_PER_PAGE),
        listMemberReplies(app.pool, user.id, MEMBER_REPLIES),
      ])
      return renderPage(request, reply, 'member', {
        title: displayName(user.username),
        feeds: { page: `/members/${encodeURIComponent(user.username)}`, title: `Posts by ${user.username}` },
        user: presentProfile(user, opts.newMemberDays),
        isSelf: request.member?.id === user.id,
        maySuspend: isModerator(request.member) && request.member?.id !== user.id,
        mayStar: isAdmin(request.member) && user.deletedAt === null,
        isIgnored: (request.ignored ?? []).some((name) => name.toLowerCase() === user.username.toLowerCase()),
        threads: threads.map((t) => presentThread(t)),
        replies: replies.map(presentMemberReply),
      })
    },
  )

  /** A member's own settings: their bio and their password, each form shown again with what was typed when refused. */
  async function showSettings(
    request: FastifyRequest,
    reply: FastifyReply,
    forms: { bio?: { bio: string; error?: string }; password?: { error: string }; notice?: string } = {},
    status = 200,
  ) {
    const member = request.member
    if (!member) return reply.redirect(loginRedirect(request), 303)
    const [profile, sessions] = await Promise.all([
      findProfile(app.pool, member.username),
      listMemberSessions(app.pool, member, request.sessionId),
    ])
    return renderPage(
      request,
      reply,
      'settings',
      {
        title: 'Your settings',
        bio: forms.bio ?? { bio: profile?.bio ?? '' },
        password: forms.password,
        notice: forms.notice,
        ignored: request.ignored ?? [],
        sessions,
      },
      status,
    )
  }

  app.get(
    '/settings',
    { schema: { querystring: Type.Object({ saved: Type.Optional(Type.String({ maxLength: 20 })) }) } },
    (request, reply) => showSettings(request, reply, { notice: SAVED.get(String(request.query.saved)) }),
  )

  app.post('/settings/profile', { schema: { body: BioForm }, attachValidation: true }, async (request, reply) => {
    const bio = typed(request.body?.bio)
    const refused = formRefusal(request)
    if (refused) return showSettings(request, reply, { bio: { bio, error: refused } }, 400)
    if (!request.member) return reply.redirect(loginRedirect(request), 303)
    try {
      await updateBio(app.pool, request.member.id, bio)
      return reply.redirect(`/members/${encodeURIComponent(request.member.username)}`, 303)
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      return showSettings(request, reply, { bio: { bio, error: err.message } }, err.status)
    }
  })

  const ignoring =
    (ignored: boolean) =>
    async (
      request: FastifyRequest<{ Params: { username: string }; Body: { back?: 'settings' } }>,
      reply: FastifyReply,
    ) => {
      const { username } = request.params
      if (!request.member) return reply.redirect(`/login?next=${encodeURIComponent(`/members/${username}`)}`, 303)
      await ignoreMember(app.pool, request.member, username, ignored)
      return reply.redirect(
        request.body?.back === 'settings' ? '/settings' : `/members/${encodeURIComponent(username)}`,
        303,
      )
    }
  const ignoreOptions = {
    schema: { params: Type.Object({ username: Type.String({ maxLength: USERNAME_MAX }) }), body: IgnoreForm },
  }
  app.post('/members/:username/ignore', ignoreOptions, ignoring(true))
  app.post('/members/:username/unignore', ignoreOptions, ignoring(false))

  // An admin gives the Star member badge, or takes it back, from the member's page.
  app.post(
    '/members/:username/star',
    { schema: { params: Type.Object({ username: Type.String({ maxLength: USERNAME_MAX }) }), body: StarForm } },
    async (request, reply) => {
      const { username } = request.params
      if (!request.member) return reply.redirect(`/login?next=${encodeURIComponent(`/members/${username}`)}`, 303)
      const done = await setStarMember(app.pool, request.member, username, request.body.star === 'give')
      return reply.redirect(`/members/${encodeURIComponent(done.member.username)}`, 303)
    },
  )

  // Ending the session in use logs this browser out; any other stops working at once wherever it is used.
  app.post('/settings/sessions/:id/revoke', { schema: { params: IdParams } }, async (request, reply) => {
    if (!request.member) return reply.redirect(loginRedirect(request), 303)
    await revokeSession(app.pool, request.member, request.params.id)
    // This process forgets at once; the others when the session_end notice reaches them.
    app.forgetMember(request.member.id)
    if (request.params.id !== request.sessionId) return reply.redirect('/settings?saved=session#sessions', 303)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/', 303)
  })

  const showLeaveForm = (request: FastifyRequest, reply: FastifyReply, error?: string, status = 200) =>
    renderPage(request, reply, 'delete-account', { title: 'Delete your account', error }, status)

  app.get('/settings/delete-account', (request, reply) =>
    request.member ? showLeaveForm(request, reply) : reply.redirect(loginRedirect(request), 303),
  )

  app.post(
    '/settings/delete-account',
    { schema: { body: LeaveForm }, attachValidation: true },
    async (request, reply) => {
      if (!request.member) return reply.redirect(loginRedirect(request), 303)
      const refused = formRefusal(request)
      if (refused) return showLeaveForm(request, reply, refused, 400)
      try {
        await deleteAccount(app.pool, request.member, typed(request.body.password))
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        return showLeaveForm(request, reply, err.message, err.status)
      }
      app.forgetMember(request.member.id)
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.redirect(`/members/${encodeURIComponent(formerName(request.member.id))}`, 303)
    },
  )

  app.post('/settings/password', { schema: { body: PasswordForm }, attachValidation: true }, async (request, reply) => {
    const refused = formRefusal(request)
    if (refused) return showSettings(request, reply, { password: { error: refused } }, 400)
    if (!request.member) return reply.redirect(loginRedirect(request), 303)
    try {
      await changePassword(app.pool, request.member.id, typed(request.body.current), typed(request.body.password))
      return reply.redirect('/settings?saved=password', 303)
    } catch (err) {
      if (!(err instanceof AppError)) throw err
      return showSettings(request, reply, { password: { error: err.message } }, err.status)
    }
  })
}

/** Where the ignore buttons lead back to: the settings page when pressed there, the member's page otherwise. */
const IgnoreForm = Type.Object({ back: Type.Optional(Type.Literal('settings')) })

/** The star form: give it, or take it back. */
const StarForm = Type.Object({ star: Type.Union([Type.Literal('give'), Type.Literal('remove')]) })

/** What /settings says after a save, by its `?saved=` name. */
const SAVED = new Map([
  ['password', 'Your password is changed.'],
  ['session', 'That session is ended: it no longer works anywhere.'],
])

export default memberRoutes
