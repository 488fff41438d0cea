import type { FastifyRequest } from 'fastify'
import { AppError } from '../errors.js'

/**
 * Log-ins and registrations are limited per client address: each try costs a
 * scrypt hash (32 MiB, tens of ms on the thread pool the fetcher's DNS lookups
 * also use), and guessing passwords should be slow.
 */
export const authRateLimit = (perMinute: number) => ({ rateLimit: { max: perMinute, timeWindow: 60_000 } })

export const tooManyAttempts = (_request: FastifyRequest, context: { after: string }) =>
  new AppError(429, 'too_many_attempts', `Too many attempts from your address; try again in ${context.after}.`)
