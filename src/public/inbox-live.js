// Keeps the header's Inbox link counting unread notifications as they come (Server-Sent Events).
// Without JavaScript the count is the one the page was served with.
const link = document.querySelector('header .account a[href="/notifications"]')
if (link) {
  const events = new EventSource('/notifications/events')
  events.addEventListener('unread', (event) => {
    const { unread } = JSON.parse(event.data)
    link.textContent = unread > 0 ? `Inbox (${unread})` : 'Inbox'
    link.classList.toggle('unread', unread > 0)
  })
}
