/** The URLs a thread knows for its story; what it shows as its source is one of them. */
export interface ThreadUrls {
  canonicalUrl: string | null
  finalUrl: string | null
  submittedUrl: string
}

/** Where `more...` points: the page's own canonical URL, else where the redirects ended, else what was posted. */
export const sourceUrlOf = (t: ThreadUrls): string => t.canonicalUrl ?? t.finalUrl ?? t.submittedUrl
