/**
 * `node scripts/launch.mjs <entry.ts> [args…]`: runs a TypeScript entry point with no build step.
 *
 * Each source file is transpiled (esbuild, types stripped, no type check: that is `npm run
 * typecheck`) into dist/ only when it is newer than its output, so a start after a fresh clone
 * costs a fraction of a second and a restart with nothing changed costs nothing. The entry then
 * runs in this very process, so the signals npm or a process manager sends reach it directly.
 * Plain JavaScript, because it runs before any TypeScript can.
 */
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SOURCES = ['src', 'workers', 'scripts']
const OUT = join(ROOT, 'dist')

const outputOf = (source) => join(OUT, relative(ROOT, source)).replace(/\.ts$/, '.js')
const modified = (path) =>
  stat(path).then(
    (s) => s.mtimeMs,
    () => -1,
  )

async function listSources(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => [])
  const found = await Promise.all(
    entries.map((e) => {
      const path = join(dir, e.name)
      if (e.isDirectory()) return listSources(path)
      return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : []
    }),
  )
  return found.flat()
}

async function transpileChanged() {
  const sources = (await Promise.all(SOURCES.map((dir) => listSources(join(ROOT, dir))))).flat()
  const stale = []
  for (const source of sources) {
    if ((await modified(outputOf(source))) < (await modified(source))) stale.push(source)
  }
  if (stale.length === 0) return
  // Loaded only when there is something to transpile: a restart does not pay for it.
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: stale,
    outdir: OUT,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    write: false,
    logLevel: 'silent',
  })
  // Written aside and renamed into place: another process starting at the same moment (web and
  // worker side by side) never imports half a file.
  await Promise.all(
    result.outputFiles.map(async (file) => {
      await mkdir(dirname(file.path), { recursive: true })
      const partial = `${file.path}.${process.pid}.partial`
      await writeFile(partial, file.contents)
      await rename(partial, file.path)
    }),
  )
}

const [entry, ...args] = process.argv.slice(2)
if (!entry) {
  console.error('usage: node scripts/launch.mjs <entry.ts> [arguments]')
  process.exit(2)
}
try {
  await transpileChanged()
} catch (err) {
  const first = err?.errors?.[0]
  const where = first?.location ? `${first.location.file}:${first.location.line}: ` : ''
  console.error(`Could not read the TypeScript sources: ${where}${first?.text ?? err}`)
  process.exit(1)
}
process.setSourceMapsEnabled(true)
// The entry sees the arguments it would see if it had been started itself.
const compiled = outputOf(resolve(ROOT, entry))
process.argv = [process.argv[0], compiled, ...args]
await import(pathToFileURL(compiled).href)
