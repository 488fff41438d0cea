export type FeedFormat = 'rss' | 'atom'

export const FEED_FORMATS: readonly FeedFormat[] = ['rss', 'atom']

/** A page's feed: its path with /feed.rss or /feed.atom after it (the home page's are /feed.*). */
export const feedPath = (page: string, format: FeedFormat) => `${page === '/' ? '' : page}/feed.${format}`
