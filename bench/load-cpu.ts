import { readdirSync, readFileSync } from 'node:fs'

/** Linux counts CPU time in ticks of 1/100 s (USER_HZ) on every architecture it runs on. */
const TICKS_PER_SECOND = 100

/** The fields of /proc/<pid>/stat after the command name, which is in parentheses and may hold spaces. */
function statOf(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(') ') + 2).split(' ')
  } catch {
    return undefined
  }
}

/** CPU time a process (all its threads) has used so far, user and system, in seconds, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  const fields = statOf(pid)
  // utime and stime are the 14th and 15th fields of the whole line.
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND : NaN
}

/** CPU time the whole machine has spent busy (not idle or waiting for disk) so far, in seconds, summed over CPUs. */
function machineBusySeconds(): number {
  const [, user, nice, system, , , irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .split(/\s+/)
  return [user, nice, system, irq, softirq, steal].reduce((sum, n) => sum + Number(n), 0) / TICKS_PER_SECOND
}

/**
 * CPU time a Postgres server has used so far: the postmaster, its live
 * processes (backends, parallel workers, background writers) and, through the
 * postmaster's children's time, those that have ended. Undefined when the
 * server does not run on this machine.
 */
function postgresSeconds(postmasterPid: number): number | undefined {
  const postmaster = statOf(postmasterPid)
  if (!postmaster) return undefined
  // cutime and cstime (16th and 17th): the time of children that have ended and been waited for.
  let ticks = Number(postmaster[11]) + Number(postmaster[12]) + Number(postmaster[13]) + Number(postmaster[14])
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const fields = statOf(Number(entry))
    // ppid is the 4th field of the whole line.
    if (fields && Number(fields[1]) === postmasterPid) ticks += Number(fields[11]) + Number(fields[12])
  }
  return ticks / TICKS_PER_SECOND
}

/** The postmaster of a Postgres backend process, if that process runs on this machine. */
function postmasterOf(backendPid: number): number | undefined {
  let comm: string
  try {
    comm = readFileSync(`/proc/${backendPid}/comm`, 'utf8').trim()
  } catch {
    return undefined
  }
  // A pid that happens to exist here but belongs to something else: the server is on another machine.
  if (comm !== 'postgres') return undefined
  const ppid = Number(statOf(backendPid)?.[1])
  return Number.isInteger(ppid) && ppid > 1 ? ppid : undefined
}

export interface CpuUse {
  name: string
  /** CPU seconds used per second: 1 is one core kept busy. */
  cores: number
}

/**
 * Starts counting the CPU time of the named processes, this one, the local
 * Postgres server (when `postgresBackendPid` runs here) and the whole machine;
 * `stop()` says how busy each kept the CPUs since.
 */
export function startCpuMeter(processes: { name: string; pid: number }[], postgresBackendPid: number) {
  const postmaster = postmasterOf(postgresBackendPid)
  const parts = [
    ...processes.map((p) => ({ name: p.name, read: () => cpuSecondsOf(p.pid) })),
    { name: 'bench (clients, news sites)', read: () => cpuSecondsOf(process.pid) },
    ...(postmaster === undefined
      ? []
      : [{ name: 'Postgres server (all its databases)', read: () => postgresSeconds(postmaster) ?? NaN }]),
    { name: 'whole machine', read: machineBusySeconds },
  ]
  const before = parts.map((p) => p.read())
  const started = performance.now()
  return {
    /** What each used since the start, in cores busy on average. */
    stop: (): CpuUse[] => {
      const elapsed = (performance.now() - started) / 1000
      return parts.map((p, i) => ({ name: p.name, cores: (p.read() - before[i]!) / elapsed }))
    },
  }
}
