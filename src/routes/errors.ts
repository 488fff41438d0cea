import type { FastifyError } from 'fastify'
import { isDatabaseUnavailable } from '../db/pool.js'
import { AppError } from '../errors.js'

/** How long a client is asked to wait (Retry-After) while the database is away: about a restart. */
const RETRY_AFTER_SECONDS = 5

interface ValidationIssue {
  keyword: string
  instancePath: string
  params: Record<string, unknown>
  message?: string | undefined
}

/** Turns Ajv's first complaint into a sentence a person can act on. */
function describeValidation(issues: ValidationIssue[], context: string | undefined): string {
  const issue = issues[0]
  if (!issue) return 'The request is not valid.'
  const field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.')
  switch (issue.keyword) {
    case 'required':
      return `The field "${String(issue.params.missingProperty)}" is required.`
    case 'additionalProperties':
      return `Unknown field "${String(issue.params.additionalProperty)}".`
    case 'type':
      return `The field "${field || context}" must be ${issue.params.type === 'integer' ? 'a whole number' : `of type ${String(issue.params.type)}`}.`
    case 'maxLength':
      return `The field "${field}" is too long (at most ${String(issue.params.limit)} characters).`
    default:
      return `The field "${field || context}" ${issue.message ?? 'is not valid'}.`
  }
}

export interface PublicError {
  status: number
  code: string
  message: string
  /** False for our own faults: the caller logs them. */
  expected: boolean
  /** When the client may try again (the Retry-After header), for a fault that passes by itself. */
  retryAfterSeconds?: number
}

/**
 * Maps any error to the status, code and message the user sees. The database
 * being away (a restart) is a 503 that says when to try again; other unexpected
 * errors become a 500 with no details (they are logged by the caller).
 */
export function toPublicError(err: unknown): PublicError {
  if (err instanceof AppError) {
    const { status, code, message, retryAfterSeconds } = err
    return { status, code, message, expected: true, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) }
  }
  if (isDatabaseUnavailable(err)) {
    return {
      status: 503,
      code: 'unavailable',
      message:
        'The forum cannot reach its database just now (it may be restarting). Please try again in a few seconds.',
      expected: true,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    }
  }
  const fe = err as FastifyError & { validation?: ValidationIssue[]; validationContext?: string }
  if (fe.validation) {
    return {
      status: 400,
      code: 'invalid_request',
      message: describeValidation(fe.validation, fe.validationContext),
      expected: true,
    }
  }
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code =
      fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
        ? 'body_too_large'
        : fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? 'unsupported_media_type'
          : 'bad_request'
    return { status: fe.statusCode, code, message: fe.message, expected: true }
  }
  return {
    status: 500,
    code: 'internal_error',
    message: 'Something went wrong on our side; please try again.',
    expected: false,
  }
}
