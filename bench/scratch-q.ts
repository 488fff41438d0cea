import { loadConfig } from '../src/config.js'
import { buildApp } from '../src/app.js'
const app = await buildApp({ ...loadConfig(), logLevel: 'silent', pageCacheBytes: 0 } as never)
const qs = ['officials', '"Rossi of Oakerfield"', 'Oakerfield', 'budget site:harborgazette.com', 'kicking visibility', 'officials&type=replies', 'officials&from=2026-01-01&to=2026-01-31', 'officials -budget', 'xyzzyqq', 'officials&page=15']
for (const q of qs) {
  const times: number[] = []
  let n = 0
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now()
    const res = await app.inject({ url: `/api/search?q=${q.includes('&') ? q.replace(/^([^&]*)/, (m) => encodeURIComponent(m)) : encodeURIComponent(q)}` })
    times.push(performance.now() - t0)
    n = res.statusCode === 200 ? res.json().results.length : -res.statusCode
  }
  console.log(q.padEnd(45), n, times.map((t) => t.toFixed(0)).join(' '))
}
await app.close()
