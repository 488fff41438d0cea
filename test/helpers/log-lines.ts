import { Writable } from 'node:stream'
import { pino } from 'pino'

/** A line the app logged: pino's level number (40 is a warning), its message and what a test reads of its fields. */
export type LogLine<Fields extends object = object> = { level: number; msg: string } & Fields

/** A logger whose lines a test reads back, from `level` up. */
export function capturedLog<Fields extends object = object>(level: 'info' | 'warn' = 'info') {
  const lines: LogLine<Fields>[] = []
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine<Fields>)
      done()
    },
  })
  return { log: pino({ level }, sink), lines }
}
