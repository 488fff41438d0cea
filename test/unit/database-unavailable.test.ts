import pg from 'pg'
import t from 'tap'
import { isDatabaseUnavailable } from '../../src/db/pool.js'
import { DigestFailure } from '../../src/digest/failure.js'

/** An error as Postgres sends it: its SQLSTATE in `code`. */
const fromServer = (code: string, message: string) => Object.assign(new pg.DatabaseError(message, 0, 'error'), { code })
/** A socket error as Node raises it. */
const fromSocket = (code: string, message: string) => Object.assign(new Error(message), { code })

const cases: [string, unknown, boolean][] = [
  ['shutting down (fast stop)', fromServer('57P01', 'terminating connection due to administrator command'), true],
  ['crashed', fromServer('57P02', 'terminating connection because of crash of another server process'), true],
  ['starting up', fromServer('57P03', 'the database system is starting up'), true],
  ['out of connections', fromServer('53300', 'sorry, too many clients already'), true],
  ['connection failure', fromServer('08006', 'connection failure'), true],
  ['nothing listening', fromSocket('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), true],
  ['connection reset', fromSocket('ECONNRESET', 'read ECONNRESET'), true],
  ['host unknown', fromSocket('ENOTFOUND', 'getaddrinfo ENOTFOUND db'), true],
  [
    'every address refused',
    Object.assign(new AggregateError([], 'connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' }),
    true,
  ],
  ['lost mid-query', new Error('Connection terminated unexpectedly'), true],
  ['connect timed out (client)', new Error('Connection terminated due to connection timeout'), true],
  ['connect timed out (pool)', new Error('timeout exceeded when trying to connect'), true],
  ['a broken client reused', new Error('Client has encountered a connection error and is not queryable'), true],
  ['a duplicate key', fromServer('23505', 'duplicate key value violates unique constraint'), false],
  ['a missing table', fromServer('42P01', 'relation "threads" does not exist'), false],
  ['a statement cancelled', fromServer('57014', 'canceling statement due to statement timeout'), false],
  ['a site that refused the fetch', new DigestFailure('network', 'We could not connect to the site.', false), false],
  ['an ordinary bug', new TypeError("Cannot read properties of undefined (reading 'id')"), false],
  ['not an error at all', 'ECONNREFUSED', false],
]

for (const [name, err, unavailable] of cases) {
  t.equal(isDatabaseUnavailable(err), unavailable, name)
}
