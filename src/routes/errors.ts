import type { FastifyError } from 'fastify'
import { AppError } from '../errors.js'

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

/**
 * Maps any error to the status, code and message the user sees. Unexpected
 * errors become a 500 with no details (they are logged by the caller).
 */
export function toPublicError(err: unknown): { status: number; code: string; message: string; expected: boolean } {
  if (err instanceof AppError) return { status: err.status, code: err.code, message: err.message, expected: true }
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
