import t from 'tap'
import type { RouteOptions } from 'fastify'
import { buildTestApp } from '../helpers/build-app.js'

interface Operation {
  tags?: string[]
  parameters?: { in: string; name: string }[]
  requestBody?: { content: Record<string, { schema: object }> }
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>
}

/** Fastify's "/threads/:id" as OpenAPI writes it: "/threads/{id}". */
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}')

t.test('the OpenAPI document lists every JSON route with its request, answers and error shape', async (t) => {
  const routes: { method: string; url: string; schema: RouteOptions['schema'] }[] = []
  const built = await buildTestApp(t, {
    onRoute: (route) => {
      for (const method of [route.method].flat())
        if (route.url.startsWith('/api/') && method !== 'HEAD')
          routes.push({ method, url: route.url, schema: route.schema })
    },
  })
  const { app } = built
  const res = await app.inject({ url: '/docs/json' })
  t.equal(res.statusCode, 200)
  const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>> }
  t.match(doc.openapi, /^3\./)
  t.ok(routes.length >= 20, `the API has its routes (${routes.length})`)

  for (const route of routes) {
    const name = `${route.method} ${route.url}`
    const op = doc.paths[openApiPath(route.url)]?.[route.method.toLowerCase()]
    if (!op) {
      t.fail(`${name} is missing from the OpenAPI document`)
      continue
    }
    const success = Object.keys(op.responses).filter((code) => code.startsWith('2'))
    t.ok(success.length > 0, `${name} documents its answer`)
    for (const code of ['4XX', '5XX']) {
      const error = op.responses[code]?.content?.['application/json']?.schema
      t.same(
        error && { properties: Object.keys(error.properties as object), required: error.required },
        { properties: ['error', 'message'], required: ['error', 'message'] },
        `${name} documents its ${code} errors as {error, message}`,
      )
    }
    const schema = route.schema ?? {}
    if (schema.body) t.ok(op.requestBody?.content['application/json'], `${name} documents its body`)
    for (const [place, key] of [
      ['path', 'params'],
      ['query', 'querystring'],
    ] as const) {
      const declared = Object.keys(
        ((schema as Record<string, unknown>)[key] as { properties?: object })?.properties ?? {},
      )
      const documented = (op.parameters ?? []).filter((p) => p.in === place).map((p) => p.name)
      t.same(documented.sort(), declared.sort(), `${name} documents its ${place} parameters`)
    }
  }
  const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`))
  t.same(
    documented.sort(),
    routes.map((r) => `${r.method.toLowerCase()} ${openApiPath(r.url)}`).sort(),
    'and nothing but the JSON routes (no pages)',
  )

  const ui = await app.inject({ url: '/docs/' })
  t.equal(ui.statusCode, 200, 'the browsable documentation')
  t.match(ui.headers['content-type'], 'text/html')
  const redirect = await app.inject({ url: '/docs' })
  t.ok([200, 302].includes(redirect.statusCode), '/docs answers')
})
