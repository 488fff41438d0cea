import type { LookupAddress } from 'node:dns'
import t from 'tap'
import {
  BlockedAddressError,
  createGuardedLookup,
  isAllowed,
  isPermittedDestination,
  isPublicAddress,
  parseAllowList,
} from '../../src/fetch/address-guard.js'

t.test('isPublicAddress', async (t) => {
  const cases: Array<[string, boolean]> = [
    ['8.8.8.8', true],
    ['93.184.216.34', true],
    ['172.15.255.255', true],
    ['172.32.0.1', true],
    ['100.63.255.255', true],
    ['100.128.0.1', true],
    ['223.255.255.255', true],
    ['10.0.0.1', false],
    ['10.255.255.255', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['192.168.1.1', false],
    ['127.0.0.1', false],
    ['127.255.255.254', false],
    ['169.254.169.254', false],
    ['0.0.0.0', false],
    ['0.1.2.3', false],
    ['100.64.0.1', false],
    ['100.127.255.255', false],
    ['224.0.0.1', false],
    ['239.255.255.250', false],
    ['192.0.0.8', false],
    ['192.0.2.1', false],
    ['198.18.0.1', false],
    ['198.19.255.255', false],
    ['198.51.100.7', false],
    ['203.0.113.9', false],
    ['240.0.0.1', false],
    ['255.255.255.255', false],
    ['2606:4700:4700::1111', true],
    ['2a00:1450:4001:82b::200e', true],
    ['::1', false],
    ['::', false],
    ['fe80::1', false],
    ['fe80::1%eth0', false],
    ['fc00::1', false],
    ['fd12:3456:789a::1', false],
    ['ff02::1', false],
    ['2001:db8::1', false],
    ['2001::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:169.254.169.254', false],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::10.0.0.1', false],
    ['64:ff9b::a9fe:a9fe', false],
    ['64:ff9b::8.8.8.8', true],
    ['2002:7f00:1::', false],
    ['2002:c0a8:101::1', false],
    ['2002:808:808::1', true],
    ['::127.0.0.1', false],
    ['not-an-ip', false],
    ['', false],
  ]
  for (const [ip, expected] of cases) t.equal(isPublicAddress(ip), expected, ip)
})

t.test('parseAllowList accepts hostnames, addresses and ranges', async (t) => {
  const cases: Array<[string, string, string | undefined, boolean]> = [
    ['', 'localhost', '127.0.0.1', false],
    [' , ,', 'localhost', '127.0.0.1', false],
    ['localhost', 'localhost', undefined, true],
    ['LocalHost.', 'localhost', undefined, true],
    ['news.example.test', 'NEWS.example.test', undefined, true],
    ['127.0.0.1', '127.0.0.1', undefined, true],
    ['127.0.0.1', 'localhost', '127.0.0.1', true],
    ['127.0.0.1', 'localhost', '127.0.0.2', false],
    ['127.0.0.1', 'localhost', '::ffff:127.0.0.1', true],
    ['10.0.0.0/8', 'intranet', '10.20.30.40', true],
    ['10.0.0.0/8', '10.1.1.1', undefined, true],
    ['10.0.0.0/8', 'intranet', '11.0.0.1', false],
    ['::1', '[::1]', undefined, true],
    ['[::1]', 'localhost', '::1', true],
    ['fd00::/8', 'box', 'fd00:1::5', true],
    ['fd00::/8', 'box', 'fe00::5', false],
    ['127.0.0.1, localhost, 10.0.0.0/8, ::1, fd00::/8', 'box', '::1', true],
    ['127.0.0.1, localhost, 10.0.0.0/8, ::1, fd00::/8', 'other.test', '192.168.0.1', false],
  ]
  for (const [list, hostname, ip, expected] of cases) {
    t.equal(isAllowed(parseAllowList(list), hostname, ip), expected, `${JSON.stringify(list)}: ${hostname} ${ip ?? ''}`)
  }
})

t.test('parseAllowList rejects garbage, naming the entry', async (t) => {
  const cases = [
    'localhost, http://example.com',
    'foo bar',
    '10.0.0.0/33',
    '::1/129',
    '10.0.0.0/',
    '10.0.0.0/8/9',
    'example.com/8',
    '300.1.1.1',
    '10.0.0',
    '-bad.example',
    'bad_.example..com',
    '*.example.com',
  ]
  for (const list of cases) {
    const bad = list.split(',').at(-1)?.trim() ?? ''
    t.throws(() => parseAllowList(list), new RegExp(`"${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`), list)
  }
})

t.test('isPermittedDestination', async (t) => {
  const allow = parseAllowList('127.0.0.1, intranet.test')
  const cases: Array<[string, string, number, boolean]> = [
    ['example.com', '93.184.216.34', 80, true],
    ['example.com', '93.184.216.34', 443, true],
    ['example.com', '93.184.216.34', 8080, true],
    ['example.com', '93.184.216.34', 8443, true],
    ['example.com', '93.184.216.34', 22, false],
    ['example.com', '10.0.0.1', 80, false],
    ['localhost', '127.0.0.1', 45123, true],
    ['intranet.test', '10.0.0.1', 6379, true],
    ['127.0.0.1', '127.0.0.1', 1, true],
  ]
  for (const [hostname, address, port, expected] of cases) {
    t.equal(isPermittedDestination(allow, hostname, address, port), expected, `${hostname} ${address}:${port}`)
  }
})

function lookupOnce(
  list: string,
  hostname: string,
  all: boolean,
): Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }> {
  const lookup = createGuardedLookup(parseAllowList(list), 8080)
  return new Promise((resolve) => {
    lookup(hostname, { all }, (error, address, family) => resolve({ error, address, family }))
  })
}

t.test('createGuardedLookup checks the resolved addresses', async (t) => {
  const blocked = await lookupOnce('', 'localhost', true)
  t.type(blocked.error, BlockedAddressError)
  t.match(blocked.error, { hostname: 'localhost', address: /^(127\.0\.0\.1|::1)$/, port: 8080 })

  const all = await lookupOnce('127.0.0.1', 'localhost', true)
  t.equal(all.error, null)
  t.same(all.address, [{ address: '127.0.0.1', family: 4 }])

  const one = await lookupOnce('127.0.0.1', 'localhost', false)
  t.equal(one.error, null)
  t.equal(one.address, '127.0.0.1')
  t.equal(one.family, 4)

  const byName = await lookupOnce('localhost', 'localhost', true)
  t.equal(byName.error, null)
})
