// Warns as soon as a link that is already a thread is pasted. The server checks again when the
// form is sent, so the page works the same without this script.
const input = document.querySelector('input[name="url"]')
const warning = document.getElementById('link-warning')
let timer
let asked = ''

async function check() {
  const url = input.value.trim()
  if (url === asked) return
  asked = url
  if (!/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(url)) return show(null)
  try {
    const res = await fetch(`/api/links?url=${encodeURIComponent(url)}`, { headers: { accept: 'application/json' } })
    if (url !== asked) return
    if (!res.ok) return show(null)
    const { thread, duplicate } = await res.json()
    show(thread, duplicate)
  } catch {
    show(null)
  }
}

function show(thread, duplicate) {
  warning.replaceChildren()
  warning.hidden = !thread
  if (!thread) return
  const link = document.createElement('a')
  link.href = `/threads/${thread.id}`
  link.textContent = thread.title || thread.sourceUrl
  const when = new Date(thread.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' })
  warning.append(
    duplicate ? 'Already posted: ' : 'Discussed before: ',
    link,
    ` (${when}). `,
    duplicate ? 'Posting it again takes you to that discussion.' : 'A new thread will link to that one.',
  )
}

input.addEventListener('input', () => {
  clearTimeout(timer)
  timer = setTimeout(check, 250)
})
void check()
