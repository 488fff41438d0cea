import { createHash, randomBytes } from 'node:crypto'

/** A session or API token: only its hash is stored, so a leaked database does not leak logins. */
export function newToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export const hashToken = (token: string): Buffer => createHash('sha256').update(token).digest()
