// A member's list: the threads with replies since they last opened them lead to the first reply they
// have not seen. The page names those threads, and when each was last opened, in data-marks.
for (const [id, since] of JSON.parse(document.currentScript.dataset.marks)) {
  const link = document.querySelector(`ol.threads > li[data-thread="${id}"] > a.title`)
  if (link) link.href = `/threads/${id}/unread?since=${since}`
}
