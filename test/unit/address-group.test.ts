import t from 'tap'
import { addressGroup } from '../../src/abuse/address-group.js'

t.test('per-address limits count an IPv4 address, or an IPv6 /64', async (t) => {
  const cases: [string, string][] = [
    ['203.0.113.5', '203.0.113.5'],
    ['::ffff:203.0.113.5', '203.0.113.5'],
    ['2001:db8:85a3:0042:1000:8a2e:0370:7334', '2001:db8:85a3:42::/64'],
    ['2001:DB8:85A3:42::1', '2001:db8:85a3:42::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:db8::', '2001:db8:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
  ]
  for (const [ip, group] of cases) t.equal(addressGroup(ip), group, ip)
})
