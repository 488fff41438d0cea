import { Redis } from 'ioredis'
import t from 'tap'
import { redisWarnings } from '../../src/queue/backend.js'
import { buildTestApp } from '../helpers/build-app.js'
import { capturedLog } from '../helpers/log-lines.js'
import { noRedisServer, startRedisServer } from '../helpers/redis-server.js'

const info = (version: string, policy: string) =>
  `# Server\r\nredis_version:${version}\r\nredis_mode:standalone\r\n# Memory\r\nmaxmemory_policy:${policy}\r\n`

t.test("BullMQ's warnings about a Redis, from its INFO", async (t) => {
  t.same(redisWarnings(info('7.0.15', 'noeviction')), [], 'a recent Redis that never evicts: nothing to say')
  t.same(redisWarnings(info('6.2.0', 'noeviction')), [], 'the version BullMQ asks for')
  t.match(redisWarnings(info('6.0.16', 'noeviction')), [/Redis 6\.0\.16 is older than the 6\.2\.0/])
  t.match(redisWarnings(info('5.0.7', 'noeviction')), [/older/])
  t.same(redisWarnings(info('10.0.0', 'noeviction')), [], 'a major version past it')
  t.match(redisWarnings(info('7.2.4', 'allkeys-lru')), [/maxmemory-policy allkeys-lru.*noeviction/])
})

t.test(
  "the web warns at start about a Redis that would evict queued jobs, though it skips BullMQ's check",
  {
    skip: noRedisServer() || (!process.env.REDIS_URL && 'REDIS_URL is not set'),
  },
  async (t) => {
    const redis = await startRedisServer(t)
    const client = new Redis(redis.url)
    await client.config('SET', 'maxmemory-policy', 'allkeys-lru')
    await client.quit()
    const { log, lines } = capturedLog()
    await buildTestApp(t, { queue: 'redis', env: { REDIS_URL: redis.url }, log })
    const deadline = Date.now() + 5000
    while (!lines.some((line) => /maxmemory-policy/.test(line.msg)) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50))
    const warning = lines.find((line) => /maxmemory-policy/.test(line.msg))
    t.ok(warning, 'the eviction policy is named in the log')
    t.equal(warning?.level, 40, 'as a warning')
  },
)
