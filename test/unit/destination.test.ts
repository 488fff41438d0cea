import t from 'tap'
import { parseAllowList } from '../../src/fetch/address-guard.js'
import { refuseDestination } from '../../src/links/destination.js'

const PRIVATE = 'That address is private or reserved; we do not fetch it.'
const PORT_22 = 'We only fetch pages from the usual web ports (80, 443, 8080, 8443), not port 22.'

t.test('what is refused at submit without asking DNS', async (t) => {
  const rules = {
    allow: parseAllowList('10.9.0.0/16, intranet.example'),
    ownAddresses: ['https://forum.example.org', 'forum.example.org:80'],
  }
  const cases: [string, string | undefined, string][] = [
    ['http://10.0.0.1/x', PRIVATE, 'private IPv4'],
    ['http://127.0.0.1:3000/', PRIVATE, 'loopback'],
    ['http://169.254.169.254/', PRIVATE, 'link-local (cloud metadata)'],
    ['http://[fe80::1]/', PRIVATE, 'link-local IPv6'],
    ['http://[::ffff:192.168.0.1]/', PRIVATE, 'IPv4-mapped private'],
    ['http://192.0.2.10/', PRIVATE, 'documentation range'],
    ['http://localhost/', PRIVATE, 'localhost'],
    ['http://LOCALHOST./', PRIVATE, 'localhost, any case, root dot'],
    ['http://admin.localhost:8080/', PRIVATE, 'a subdomain of localhost'],
    ['http://93.184.216.34:22/', PORT_22, 'public address, not a web port'],
    ['http://93.184.216.34/story', undefined, 'public address, web port'],
    ['http://[2606:2800:220:1::1]:8443/a', undefined, 'public IPv6, web port'],
    ['http://10.9.1.2:9000/x', undefined, 'allow-listed range, any port'],
    ['http://intranet.example:2222/x', undefined, 'allow-listed name, any port'],
  ]
  for (const [url, message, name] of cases) {
    t.equal((await refuseDestination(new URL(url), rules))?.message, message, `${name}: ${url}`)
  }
})

t.test("the forum's own address, over http or https, with or without www.", async (t) => {
  const rules = { allow: parseAllowList(''), ownAddresses: ['https://forum.example.org', '127.0.0.1:4000'] }
  const cases: [string, boolean][] = [
    ['https://forum.example.org/threads/3', true],
    ['http://forum.example.org/', true],
    ['https://www.forum.example.org/forums', true],
    ['https://forum.example.org:8443/', false],
    ['http://127.0.0.1:4000/threads/1', true],
  ]
  for (const [url, own] of cases) {
    const refused = await refuseDestination(new URL(url), rules)
    t.equal(refused?.reason === 'own_site', own, url)
  }
})
