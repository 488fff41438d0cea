import type { IncomingMessage, ServerResponse } from 'node:http'

/**
 * Fixture routes for sites that misbehave the ways real ones do: they hang,
 * trickle, refuse or flood. Each stops on its own when the client hangs up.
 */
type Handler = (req: IncomingMessage, res: ServerResponse) => void

const DRIP_EVERY_MS = 2000
const PAGE = '<!doctype html><html><head><title>Late news</title></head><body><p>Finally here.</p></body></html>'

/** Accepts the connection and never answers. */
export const hang: Handler = () => {}

/** Sends the response, status line and headers too, one byte every 2 s (idle timeouts never fire). */
export const dripHeaders: Handler = (_req, res) => {
  const socket = res.socket!
  drip(socket, `HTTP/1.1 200 OK\r\ncontent-type: text/html\r\ncontent-length: ${PAGE.length}\r\n\r\n${PAGE}`)
}

/** Sends the headers at once, then the body one byte every 2 s. */
export const dripBody: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' })
  res.flushHeaders()
  drip(res, PAGE)
}

/** The site is down for maintenance, and stays down. */
export const unavailable: Handler = (_req, res) => {
  res.writeHead(503, { 'content-type': 'text/html' }).end('<p>Down for maintenance</p>')
}

/** Down, and asking to be left alone for `seconds`. */
export const unavailableFor =
  (seconds: number): Handler =>
  (_req, res) => {
    res.writeHead(503, { 'content-type': 'text/html', 'retry-after': String(seconds) }).end('<p>Back later</p>')
  }

/** An HTML page that never ends, sent as fast as the client reads it. */
export const flood: Handler = (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html' })
  const chunk = `<p>${'more '.repeat(16_000)}</p>`
  const pour = () => {
    while (!res.destroyed && res.write(chunk));
  }
  res.on('drain', pour)
  pour()
}

function drip(out: { write(chunk: string): unknown; on(event: 'close', listener: () => void): unknown }, text: string) {
  let sent = 0
  const next = () => {
    if (sent < text.length) out.write(text[sent++]!)
  }
  next()
  const timer = setInterval(next, DRIP_EVERY_MS)
  out.on('close', () => clearInterval(timer))
}
