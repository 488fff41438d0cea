/**
 * `node scripts/launch.mjs <entry.ts> [args…]`: runs a TypeScript entry point with no build step.
 *
 * The entry is bundled with its dependencies (esbuild: types stripped, no type check, that is
 * `npm run typecheck`) into dist/bundle/ whenever a source file or the installed packages are
 * newer than the bundle. One file loads in a fraction of the time Node takes to resolve and read
 * the thousand modules behind it, so a restart with nothing changed answers sooner. The entry then
 * runs in this very process, so the signals npm or a process manager sends reach it directly.
 * Plain JavaScript, because it runs before any TypeScript can.
 */
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const SOURCES = ['src', 'workers', 'scripts']
/** Where src/paths.ts looks for the extraction worker's bundle too. */
const OUT = join(ROOT, 'dist', 'bundle')
/** Run in a worker thread, found by its path: bundled beside every entry. */
const EXTRACT_WORKER = join(ROOT, 'src', 'extract', 'extract-worker.ts')
/**
 * Left to Node: packages that load files of their own by path at run time (pino's transport
 * threads, jsdom's sync XHR worker, piscina's thread entry, swagger-ui's page and scripts),
 * optional native code, the bundler.
 */
const EXTERNAL = [
  'pino',
  'pino-pretty',
  'thread-stream',
  'jsdom',
  'piscina',
  'pg-native',
  'esbuild',
  '@fastify/swagger',
  '@fastify/swagger-ui',
]
/** What changes the bundle besides the sources: this script and the installed packages. */
const INPUTS = [
  fileURLToPath(import.meta.url),
  join(ROOT, 'package.json'),
  join(ROOT, 'node_modules', '.package-lock.json'),
]

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
      return /\.(ts|mjs|js)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : []
    }),
  )
  return found.flat()
}

/** The sources, and the entry's own top folder when it lies elsewhere (bench/ for bench:extract). */
async function newestInput(entry) {
  const dirs = new Set([...SOURCES, relative(ROOT, entry).split(/[\\/]/)[0]])
  const sources = (await Promise.all([...dirs].map((dir) => listSources(join(ROOT, dir))))).flat()
  const times = await Promise.all([...sources, ...INPUTS].map(modified))
  return Math.max(...times)
}

async function bundle(entry) {
  const outputs = [entry, EXTRACT_WORKER].map(outputOf)
  const built = Math.min(...(await Promise.all(outputs.map(modified))))
  if (built >= (await newestInput(entry))) return
  // Loaded only when there is something to bundle: a restart does not pay for it.
  const { build } = await import('esbuild')
  const result = await build({
    entryPoints: [entry, EXTRACT_WORKER],
    outdir: OUT,
    outbase: ROOT,
    bundle: true,
    external: EXTERNAL,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // The CommonJS packages inside an ES module bundle still call require() for Node's own modules.
    banner: {
      js: "import { createRequire as __broadsheetRequire } from 'node:module'; const require = __broadsheetRequire(import.meta.url);",
    },
    sourcemap: 'linked',
    sourcesContent: false,
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
const source = resolve(ROOT, entry)
try {
  await bundle(source)
} catch (err) {
  const first = err?.errors?.[0]
  const where = first?.location ? `${first.location.file}:${first.location.line}: ` : ''
  console.error(`Could not read the TypeScript sources: ${where}${first?.text ?? err}`)
  process.exit(1)
}
process.setSourceMapsEnabled(true)
// The entry sees the arguments it would see if it had been started itself.
const bundled = outputOf(source)
process.argv = [process.argv[0], bundled, ...args]
await import(pathToFileURL(bundled).href)
