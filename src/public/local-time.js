// Shows times in the reader's own time zone. The server writes them in the forum's zone
// (TIME_ZONE), which is what readers without JavaScript see.
const styles = {
  // "April 6, 2016 — 7:00 PM EDT", as news sites print a dateline.
  dateline: (date) => {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-US', {
        year: 'numeric',
        month: 'long',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
        timeZoneName: 'short',
      })
        .formatToParts(date)
        .map((p) => [p.type, p.value]),
    )
    return `${parts.month} ${parts.day}, ${parts.year} — ${parts.hour}:${parts.minute} ${parts.dayPeriod} ${parts.timeZoneName}`
  },
  post: (date) => new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).format(date),
}

// A time in a reply's heading line is a posting time: a thread page has twenty of them, sent without
// the data-style the other times carry.
for (const el of document.querySelectorAll('time[data-style][datetime], .reply > summary time[datetime]')) {
  const format = styles[el.dataset.style ?? 'post']
  const value = el.getAttribute('datetime')
  // A date alone ("2016-04-06") has no time of day to move into the reader's zone.
  if (!format || /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) continue
  const date = new Date(value)
  if (!Number.isNaN(date.getTime())) el.textContent = format(date)
}
