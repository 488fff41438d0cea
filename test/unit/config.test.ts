import t from 'tap'
import { loadConfig } from '../../src/config.js'

t.test('defaults need no environment at all', async (t) => {
  const c = loadConfig({})
  t.equal(c.port, 3000)
  t.equal(c.host, '0.0.0.0')
  t.equal(c.databaseUrl, undefined, 'no DATABASE_URL: embedded Postgres')
  t.equal(c.redisUrl, undefined, 'no REDIS_URL: the queue runs on Postgres')
  t.equal(c.excerptParagraphs, 4)
  t.equal(c.fetchTimeoutMs, 15000)
  t.equal(c.fetchBudgetMs, 45000, 'a post to a site that hangs fails within a minute')
  t.equal(c.fetchAllowHosts.hosts.size, 0, 'nothing private is allowed')
  t.equal(c.publicUrl, 'http://localhost:3000')
  t.same(
    [c.workerLockMs, c.workerStalledCheckMs, c.sweepIntervalMs, c.sweepLostAfterSeconds],
    [30000, 30000, 60000, 120],
    "BullMQ's lock and stalled check, a sweep a minute for threads waiting two",
  )
})

t.test('values are read and checked', async (t) => {
  const c = loadConfig({
    PORT: '8080',
    DATABASE_URL: 'postgres://u:p@db:5432/forum',
    REDIS_URL: 'redis://cache:6379',
    EXCERPT_PARAGRAPHS: '3',
    FETCH_ALLOW_HOSTS: '127.0.0.1, 10.0.0.0/8, fixtures.local',
    PUBLIC_URL: 'https://forum.example.org/',
    SESSION_SECRET: 'x'.repeat(40),
    METRICS_TOKEN: 'm'.repeat(20),
    METRICS_PORT: '9100',
    WORKER_METRICS_PORT: '9101',
  })
  t.equal(c.port, 8080)
  t.equal(c.metricsToken, 'm'.repeat(20))
  t.equal(c.metricsPort, 9100)
  t.equal(c.workerMetricsPort, 9101)
  t.equal(c.databaseUrl, 'postgres://u:p@db:5432/forum')
  t.equal(c.redisUrl, 'redis://cache:6379')
  t.equal(c.excerptParagraphs, 3)
  t.same([...c.fetchAllowHosts.hosts], ['fixtures.local'], 'the allow list is parsed once, here')
  t.ok(c.fetchAllowHosts.addresses.check('10.1.2.3', 'ipv4'))
  t.equal(c.publicUrl, 'https://forum.example.org', 'trailing slash dropped')
})

const bad: [string, Record<string, string>, RegExp][] = [
  ['port not a number', { PORT: 'eighty' }, /PORT must be a whole number from 0 to 65535; got "eighty"/],
  ['port too big', { PORT: '70000' }, /PORT must be/],
  ['paragraphs zero', { EXCERPT_PARAGRAPHS: '0' }, /EXCERPT_PARAGRAPHS must be a whole number from 1 to 20/],
  [
    'database url not postgres',
    { DATABASE_URL: 'mysql://x/y' },
    /DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//,
  ],
  ['redis url garbage', { REDIS_URL: 'not a url' }, /REDIS_URL is not a URL/],
  ['public url not a web address', { PUBLIC_URL: 'ftp://forum.example.org' }, /PUBLIC_URL must be a web address/],
  ['fetch budget under a second', { FETCH_BUDGET_MS: '500' }, /FETCH_BUDGET_MS must be a whole number from 1000/],
  ['allow list garbage', { FETCH_ALLOW_HOSTS: '10.0.0.0/99' }, /FETCH_ALLOW_HOSTS/],
  ['short secret', { SESSION_SECRET: 'short' }, /SESSION_SECRET must be at least 32 characters/],
  ['bad time zone', { TIME_ZONE: 'Mars/Olympus' }, /TIME_ZONE must be an IANA time zone/],
  ['bad log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
  ['bad schema name', { DATABASE_SCHEMA: 'Robert"; DROP' }, /DATABASE_SCHEMA must be lower-case/],
  ['lock too short', { WORKER_LOCK_MS: '10' }, /WORKER_LOCK_MS must be a whole number from 1000 to 600000/],
  ['short metrics token', { METRICS_TOKEN: 'secret' }, /METRICS_TOKEN must be at least 16 characters/],
  ['metrics port zero', { METRICS_PORT: '0' }, /METRICS_PORT must be a whole number from 1 to 65535/],
  ['worker metrics port garbage', { WORKER_METRICS_PORT: 'x' }, /WORKER_METRICS_PORT must be a whole number/],
  ['sweep interval zero', { SWEEP_INTERVAL_MS: '0' }, /SWEEP_INTERVAL_MS must be a whole number from 500/],
]
for (const [name, env, message] of bad) {
  t.test(`refused: ${name}`, async (t) => {
    t.throws(() => loadConfig(env), { name: 'ConfigError', message })
  })
}
