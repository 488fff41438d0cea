import type { FastifyPluginAsync } from 'fastify'

/**
 * The bookmarklet: opens /submit with the page being read. A javascript: link is what browsers
 * keep as a bookmark that acts on the current page; it reads only the address and the title.
 */
const bookmarkletFor = (publicUrl: string) =>
  `javascript:(()=>{location.href='${publicUrl}/submit?url='+encodeURIComponent(location.href)+'&title='+encodeURIComponent(document.title)})()`

/** /help: the bookmarklet, the feeds and the API, in a page every reader sees alike. */
const helpRoutes: FastifyPluginAsync<{ publicUrl: string }> = async (app, { publicUrl }) => {
  app.get('/help', (request, reply) =>
    app.sendSharedPage(request, reply, {
      path: '/help',
      template: 'help',
      load: async () => ({
        title: 'Help',
        bookmarklet: bookmarkletFor(publicUrl),
        submitUrl: `${publicUrl}/submit`,
      }),
    }),
  )
}

export default helpRoutes
