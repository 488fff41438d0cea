import { existsSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { chromium, type Browser, type Page } from 'playwright-core'
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

/**
 * Logs a member in through the log-in form; lands on `next` (Latest Discussions when left out), or
 * on `landsOn` where `next` redirects (a thread's number to its address).
 */
export async function logIn(
  page: Page,
  base: string,
  member: { user: { username: string }; password: string },
  next?: string,
  landsOn = next ?? '/',
): Promise<void> {
  await page.goto(next ? `${base}/login?next=${encodeURIComponent(next)}` : `${base}/login`)
  await page.getByLabel('Username').fill(member.user.username)
  await page.getByLabel('Password').fill(member.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await page.waitForURL(`${base}${landsOn}`)
}

/** A member logged in, in a browser context of their own at 360 px, on their Inbox. */
export async function signedInPage(
  browser: Browser,
  base: string,
  member: { user: { username: string }; password: string },
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } })
  const page = await context.newPage()
  await logIn(page, base, member, '/notifications')
  return page
}
