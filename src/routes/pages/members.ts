import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { listMemberThreads, THREADS_PER_PAGE } from '../../db/threads.js'
import { findUserByName } from '../../db/users.js'
import { AppError, notFound } from '../../errors.js'
import { authenticateMember, closeSession, openSession, registerMember } from '../../services/members.js'
import { SESSION_COOKIE } from '../../plugins/auth.js'
import { authRateLimit } from '../auth-limit.js'
import { renderPage, safeNext } from './render.js'

interface CredentialsForm {
  username?: string
  password?: string
  next?: string
}

const SESSION_SECONDS = 30 * 24 * 3600

const memberRoutes: FastifyPluginAsync<{ secureCookies: boolean; authAttemptsPerMinute: number }> = async (
  app,
  opts,
) => {
  const config = authRateLimit(opts.authAttemptsPerMinute)
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

  function credentialsPage(kind: 'register' | 'login') {
    return async (request: FastifyRequest<{ Body: CredentialsForm }>, reply: FastifyReply) => {
      const username = String(request.body?.username ?? '').trim()
      const password = String(request.body?.password ?? '')
      const next = safeNext(request.body?.next)
      try {
        const user =
          kind === 'register'
            ? await registerMember(app.pool, username, password)
            : await authenticateMember(app.pool, username, password)
        return await signIn(reply, user.id, next)
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        const title = kind === 'register' ? 'Register' : 'Log in'
        return renderPage(request, reply, kind, { title, form: { username, next, error: err.message } }, err.status)
      }
    }
  }

  app.get<{ Querystring: { next?: string } }>('/register', (request, reply) =>
    renderPage(request, reply, 'register', {
      title: 'Register',
      form: { username: '', next: safeNext(request.query.next) },
    }),
  )
  app.post('/register', { config }, credentialsPage('register'))

  app.get<{ Querystring: { next?: string } }>('/login', (request, reply) =>
    renderPage(request, reply, 'login', {
      title: 'Log in',
      form: { username: '', next: safeNext(request.query.next) },
    }),
  )
  app.post('/login', { config }, credentialsPage('login'))

  app.post('/logout', async (request, reply) => {
    const raw = request.cookies[SESSION_COOKIE]
    const unsigned = raw ? request.unsignCookie(raw) : undefined
    if (unsigned?.valid && unsigned.value) await closeSession(app.pool, unsigned.value)
    reply.clearCookie(SESSION_COOKIE, { path: '/' })
    return reply.redirect('/', 303)
  })

  app.get<{ Params: { username: string } }>('/members/:username', async (request, reply) => {
    const user = await findUserByName(app.pool, request.params.username)
    if (!user) throw notFound('unknown_member', `There is no member called "${request.params.username}".`)
    const threads = await listMemberThreads(app.pool, user.id, THREADS_PER_PAGE)
    return renderPage(request, reply, 'member', { title: user.username, user, threads })
  })
}

export default memberRoutes
