import Fastify from 'fastify'

/**
 * The ceiling the pages are measured against: bare Fastify answering a
 * static 20 KB HTML string, in a process of its own like the web process;
 * `/?bytes=N` answers N bytes of the same, the ceiling for a larger document (a feed).
 */
const SIZE = 20 * 1024
const row = '<p>Static text standing in for a rendered page of the forum, the same size as one.</p>\n'
const htmlOf = (size: number) =>
  `<!doctype html><html><head><title>Ceiling</title></head><body>\n${row.repeat(Math.ceil(size / row.length))}`
    .slice(0, size - '</body></html>'.length)
    .concat('</body></html>')
const made = new Map<number, string>()

const app = Fastify({ logger: false })
app.get<{ Querystring: { bytes?: string } }>('/', (request, reply) => {
  const size = Number(request.query.bytes ?? SIZE)
  if (!made.has(size)) made.set(size, htmlOf(size))
  return reply.type('text/html; charset=utf-8').send(made.get(size))
})
const port = Number(process.argv[2] ?? 0)
const address = await app.listen({ port, host: '127.0.0.1' })
console.log(address)
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
