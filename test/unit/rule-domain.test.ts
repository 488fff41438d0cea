import t from 'tap'
import { domainsOf, readRuleDomain } from '../../src/links/domain.js'

t.test('what an admin types names the domain a rule is kept under', async (t) => {
  const cases: [string, string | undefined, string][] = [
    ['example.com', 'example.com', 'a name'],
    ['  Example.COM ', 'example.com', 'any case, spaces around'],
    ['.example.com', 'example.com', 'a leading dot'],
    ['www.example.com', 'example.com', 'the www. prefix is the site'],
    ['news.example.co.uk', 'news.example.co.uk', 'a subdomain stays itself'],
    ['https://bit.ly/3xYz?utm=1', 'bit.ly', 'a link to anything there'],
    ['203.0.113.5', '203.0.113.5', 'an address'],
    ['2001:db8::1', '2001:db8::1', 'an IPv6 address'],
    ['http://[2001:db8::1]/x', '2001:db8::1', 'a link to an IPv6 address'],
    ['bücher.example', 'xn--bcher-kva.example', 'an international name, as DNS spells it'],
    ['localhost', undefined, 'one label'],
    ['example.com:8080', undefined, 'a port'],
    ['ftp://example.com', undefined, 'not a web address'],
    ['exa mple.com', undefined, 'a space inside'],
    ['', undefined, 'nothing'],
  ]
  for (const [raw, domain, name] of cases) t.equal(readRuleDomain(raw), domain, `${name}: "${raw}"`)
})

t.test('a host is covered by rules for it and every domain above it', async (t) => {
  const cases: [string, string[]][] = [
    ['news.example.com', ['news.example.com', 'example.com']],
    ['EXAMPLE.com.', ['example.com']],
    ['bit.ly', ['bit.ly']],
    ['127.0.0.2', ['127.0.0.2']],
    ['[2001:db8::1]', ['2001:db8::1']],
    ['localhost', []],
  ]
  for (const [host, domains] of cases) t.same(domainsOf(host), domains, host)
})
