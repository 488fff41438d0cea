/**
 * Pages that are not the article: a bot check standing in front of it, or a
 * subscription wall around it. Neither is quoted as if it were the story.
 */

const BOT_CHECK_TITLE =
  /^(?:just a moment\W*|attention required!?.*cloudflare.*|access denied\W*|are you a (?:robot|human)\W*|robot or human\W*|pardon our interruption\W*|(?:security|human|bot) (?:check|verification)\W*|please verify you are (?:a )?human\W*|one more step\W*|checking your browser.*)$/i
const BOT_CHECK_MARKERS =
  /cf-challenge|challenge-platform|cf_chl_|_Incapsula_Resource|px-captcha|captcha-delivery\.com|g-recaptcha|h-captcha/i

/**
 * A challenge page in place of the article: its title says so, or it carries a challenge script and little else.
 * The page's text length is asked for only when the markers are there: reading it walks the whole page.
 */
export function isBotCheck(title: string, html: string, textLength: () => number): boolean {
  return BOT_CHECK_TITLE.test(title.trim()) || (BOT_CHECK_MARKERS.test(html) && textLength() < 500)
}

const LOCKED_TIERS = /^(?:locked|metered|premium|subscriber|subscription|paid)$/i

/** The page says it is for subscribers: schema.org isAccessibleForFree=false, or a locked content tier. */
export function isPaywalled(accessibleForFree: boolean | null, meta: ReadonlyMap<string, string>): boolean {
  if (accessibleForFree === false) return true
  const tier = meta.get('article:content_tier') ?? meta.get('og:article:content_tier')
  return tier !== undefined && LOCKED_TIERS.test(tier.trim())
}
