const FIRST_PREFIX = /^(?:www\d*|m|mobile)$/
const INNER_PREFIX = /^(?:m|mobile)$/

/**
 * The site a host belongs to, as far as we can tell from its name: the same
 * host without the prefixes sites put in front of their one name — "www.",
 * numbered "www2." mirrors, and "m."/"mobile." copies for phones
 * (en.m.wikipedia.org is en.wikipedia.org). A prefix is only dropped when a
 * name of two labels or more is left, so www10.org stays itself.
 */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().replace(/\.+$/, '').split('.')
  return labels
    .filter((label, i) => !(labels.length - i > 2 && (i === 0 ? FIRST_PREFIX : INNER_PREFIX).test(label)))
    .join('.')
}
