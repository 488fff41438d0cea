import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The project root: found by walking up to package.json, so the same code works from src/ and from the built dist/src/. */
function findRoot(start: string): string {
  let dir = start
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`No package.json above ${start}`)
    dir = parent
  }
  return dir
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)))
export const SQL_DIR = join(ROOT, 'sql')
export const VIEWS_DIR = join(ROOT, 'src', 'views')
export const PUBLIC_DIR = join(ROOT, 'src', 'public')
/** Where `npm start` (scripts/launch.mjs) bundles each entry point it runs. */
export const BUNDLE_DIR = join(ROOT, 'dist', 'bundle')
