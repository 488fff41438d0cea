/** An error meant for the user: an HTTP status, a stable machine code and a plain-words message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** For a refusal that passes by itself (a rate limit): when to try again, sent as Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message)
    this.name = 'AppError'
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message)
export const unauthorized = (message = 'Log in first.') => new AppError(401, 'unauthorized', message)
export const notFound = (code: string, message: string) => new AppError(404, code, message)
export const conflict = (code: string, message: string) => new AppError(409, code, message)
