// Follows a thread's digest status over Server-Sent Events and shows the digest once it is there.
// Without JavaScript the page refreshes itself instead (<noscript> meta refresh).
const article = document.querySelector('article.digest[data-thread-id]')
const text = article.querySelector('.status-text')
const LABELS = { pending: 'Waiting for the fetcher', fetching: 'Fetching the article' }
const events = new EventSource(`/api/threads/${article.dataset.threadId}/events`)

events.addEventListener('status', (event) => {
  const { status } = JSON.parse(event.data)
  if (status === 'ready' || status === 'failed') {
    events.close()
    location.reload()
  } else if (text && LABELS[status]) {
    text.textContent = LABELS[status]
  }
})

// The browser reconnects by itself after a dropped connection; if the stream is refused, fall back to reloading.
events.addEventListener('error', () => {
  if (events.readyState === EventSource.CLOSED) setTimeout(() => location.reload(), 3000)
})
