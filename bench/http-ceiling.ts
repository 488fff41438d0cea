import Fastify from 'fastify'

/**
 * The ceiling the pages are measured against: bare Fastify answering a
 * static 20 KB HTML string, in a process of its own like the web process.
 */
const SIZE = 20 * 1024
const row = '<p>Static text standing in for a rendered page of the forum, the same size as one.</p>\n'
const html =
  `<!doctype html><html><head><title>Ceiling</title></head><body>\n${row.repeat(Math.ceil(SIZE / row.length))}`
    .slice(0, SIZE - '</body></html>'.length)
    .concat('</body></html>')

const app = Fastify({ logger: false })
app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(html))
const port = Number(process.argv[2] ?? 0)
const address = await app.listen({ port, host: '127.0.0.1' })
console.log(address)
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)))
