/**
 * Worker-thread entry of the extraction pool (see extract-pool.ts). Errors are
 * returned, not thrown: a thrown error crosses the thread boundary as a bare
 * Error, losing a DigestFailure's reason and permanence.
 */
import { DigestFailure, type FailureReason } from '../digest/failure.js'
import { extractDigest, type Digest, type ExtractOptions } from './extract-digest.js'

export interface ExtractTask {
  html: string
  url: string
  options: ExtractOptions
}

export type ExtractResult =
  | { ok: true; digest: Digest }
  | { ok: false; failure: { reason: FailureReason; message: string; permanent: boolean } }
  | { ok: false; error: string }

export default function extractInWorker({ html, url, options }: ExtractTask): ExtractResult {
  try {
    return { ok: true, digest: extractDigest(html, url, options) }
  } catch (err) {
    if (err instanceof DigestFailure) {
      return { ok: false, failure: { reason: err.reason, message: err.message, permanent: err.permanent } }
    }
    return { ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }
  }
}
