import pg from 'pg'
import { buildSearchQuery } from '../src/db/search.js'
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL })
const q = await buildSearchQuery(pool, process.argv[2]!, [])
const c = await pool.connect()
const orig = c.query.bind(c)
const { searchPosts } = await import('../src/db/search.js')
;(c as any).query = (text: string, values: unknown[]) => orig(`EXPLAIN (ANALYZE) ${text}`, values)
const since = process.argv[3] ? new Date(process.argv[3]) : undefined
const until = process.argv[4] ? new Date(process.argv[4]) : undefined
const rows = (await searchPosts(c as any, q!, { kind: 'all', since, until }, { offset: 0, limit: 20 })) as any
console.log(rows.map((r: any) => r['QUERY PLAN']).join('\n'))
c.release()
await pool.end()
