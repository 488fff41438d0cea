import type { Queryable } from '../db/pool.js'
import { findDomainRules, listShortenerDomains } from '../db/domain-rules.js'
import { hasEstablishedMembers, isKnownSite } from '../db/known-sites.js'
import { DigestFailure } from '../digest/failure.js'
import { AppError } from '../errors.js'
import { followRedirector, type FetchOptions, type TargetScreen } from '../fetch/fetch-page.js'
import { domainsOf } from '../links/domain.js'
import { linkOf, type Link } from '../links/normalize.js'
import { siteOf } from '../links/site.js'
import { isNewMember, unknownSiteRefusal } from './new-members.js'

export interface ScreeningRules {
  newMemberDays: number
  /** How a shortened link is followed: the fetcher's guard and limits. */
  follow: Omit<FetchOptions, 'maxBytes'>
}

/**
 * What the site's own rules say of a posted link, before it is checked for duplicates: a link
 * shortener's address is followed to where it leads (so duplicates match, and the shortener is
 * never shown as the source); a blocked domain is refused with the admins' reason; a new member's
 * link must come from a site already posted here, once the forum has members who are not new
 * (on a new forum everyone is). Returns the link to post.
 */
export async function screenLink(
  db: Queryable,
  submitted: Link,
  author: { createdAt: Date },
  rules: ScreeningRules,
): Promise<Link> {
  const link = await unshorten(db, submitted, rules)
  const host = new URL(link.url).hostname
  const [rule] = await findDomainRules(db, domainsOf(host))
  if (rule?.kind === 'blocked')
    throw new AppError(422, 'blocked_domain', `Links to ${rule.domain} are not accepted here: ${rule.reason}`)
  if (
    isNewMember(author, rules.newMemberDays) &&
    !(await isKnownSite(db, siteOf(host))) &&
    (await hasEstablishedMembers(db, rules.newMemberDays))
  )
    throw unknownSiteRefusal(rules.newMemberDays, siteOf(host))
  return link
}

async function unshorten(db: Queryable, link: Link, rules: ScreeningRules): Promise<Link> {
  const shorteners = new Set(await listShortenerDomains(db))
  const isShortener = (url: URL) => domainsOf(url.hostname).some((d) => shorteners.has(d))
  const url = new URL(link.url)
  if (!isShortener(url)) return link
  try {
    return linkOf(await followRedirector(link.url, rules.follow, isShortener))
  } catch (err) {
    if (!(err instanceof DigestFailure)) throw err
    throw new AppError(
      422,
      'shortener_unresolved',
      `${url.hostname} is a link shortener and we could not follow this link to the article (${err.message.replace(/\.$/, '')}); post the article’s own link instead.`,
    )
  }
}

/**
 * The domain rules as the worker meets them, asked before each address it fetches: a link whose
 * site was blocked after it was posted, or that redirects to a blocked site (a page moved there,
 * a shortener not known as one), fails with the admins' reason, and the blocked site is never
 * asked for anything.
 */
export const blockedSiteScreen =
  (db: Queryable): TargetScreen =>
  async (url, redirected) => {
    const [rule] = await findDomainRules(db, domainsOf(url.hostname))
    if (rule?.kind !== 'blocked') return undefined
    const where = redirected ? 'The link redirected to' : 'The link leads to'
    return new DigestFailure('blocked_site', `${where} ${rule.domain}, a blocked site: ${rule.reason}`, true)
  }
