import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser } from 'playwright-core'
import type { Teardown } from './build-app.js'

const CHROMIUM = '/usr/bin/chromium'
/** Without the background-networking flags Chromium keeps dialling out, and this machine refuses it. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/** A page test's `skip` option: the reason when Debian's Chromium is not installed. */
export const withoutChromium = !existsSync(CHROMIUM) && 'Debian chromium is not installed'

/** Debian's Chromium, closed in teardown. */
export async function openBrowser(t: Teardown): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
  t.teardown(() => browser.close())
  return browser
}

/** Listens on a free loopback port and gives the app's base URL. */
export async function listenOnLoopback(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}
