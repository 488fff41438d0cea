import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config.js'
import { migrate } from '../src/db/migrate.js'
import { createPool } from '../src/db/pool.js'
import { nestThread, replyTreeDepth, seedDatabase } from './seed-database.js'

const USAGE = `npm run bench:seed -- [--threads N] [--replies N] [--members N] [--days N] [--seed N] [--reset]
Fills the database named by DATABASE_URL (schema DATABASE_SCHEMA, default public) after migrating it.
npm run bench:seed -- --nest-thread ID
Makes thread ID's replies a discussion tree (as seeding does to the 200-reply thread) in a database seeded before.`

function count(raw: string | undefined, name: string, fallback: number): number {
  if (raw === undefined) return fallback
  const n = Number(raw.replaceAll('_', ''))
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number; got "${raw}".\n${USAGE}`)
  return n
}

/** `npm run bench:seed`: a database of realistic shape for the benchmarks. */
async function main() {
  const { values } = parseArgs({
    options: {
      threads: { type: 'string' },
      replies: { type: 'string' },
      members: { type: 'string' },
      days: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      'nest-thread': { type: 'string' },
    },
  })
  const config = loadConfig()
  if (!config.databaseUrl) throw new Error(`DATABASE_URL is not set.\n${USAGE}`)
  if (values['nest-thread'] !== undefined) {
    const id = count(values['nest-thread'], 'nest-thread', 0)
    const pool = createPool(config.databaseUrl, config.databaseSchema, console, 1)
    try {
      await nestThread(pool, id)
      console.log(`Thread ${id}: its replies now go ${await replyTreeDepth(pool, id)} levels deep`)
    } finally {
      await pool.end()
    }
    return
  }
  const threads = count(values.threads, 'threads', 10_000)
  const options = {
    threads,
    replies: count(values.replies, 'replies', threads * 3),
    members: count(values.members, 'members', Math.max(1, Math.round(threads / 20))),
    days: count(values.days, 'days', 365),
    seed: count(values.seed, 'seed', 7),
    reset: values.reset,
  }
  const pool = createPool(config.databaseUrl, config.databaseSchema, console, 2)
  try {
    await migrate(pool)
    console.log(
      `Seeding ${options.threads} threads, ${options.replies} replies, ${options.members} members into schema ${config.databaseSchema}...`,
    )
    const client = await pool.connect()
    try {
      const result = await seedDatabase(client, options)
      console.log(`Busiest forum: ${result.busiestForum}`)
      console.log(
        `Thread with 200 replies: ${result.thread200} (/threads/${result.thread200}), ${await replyTreeDepth(client, result.thread200)} levels deep`,
      )
      console.log(`Seeded in ${result.seconds.toFixed(1)} s`)
    } finally {
      client.release()
    }
  } finally {
    await pool.end()
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exit(1)
})
