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

/** A small article, read once as the thread starts, so its first real page finds jsdom and Readability warm. */
const WARM_UP_PAGE = `<!doctype html><html lang="en"><head><title>Warm-up</title>
<meta property="article:published_time" content="2020-01-01T12:00:00Z"><meta name="author" content="A. Writer"></head>
<body><article><h1>Warm-up</h1>${'<p>This paragraph is long enough to be quoted, with words, commas and a full stop at its end.</p>'.repeat(4)}</article></body></html>`

extractInWorker({ html: WARM_UP_PAGE, url: 'https://warm-up.example/2020/01/01/warm-up', options: { paragraphs: 1 } })
