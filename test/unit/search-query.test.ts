import t from 'tap'
import { AppError } from '../../src/errors.js'
import { parseSearchQuery } from '../../src/services/search-query.js'

t.test('operators are taken out of the words', async (t) => {
  const cases: [string, object][] = [
    ['bridge repairs', { words: 'bridge repairs', without: [] }],
    ['  "flood levy"  -council ', { words: '"flood levy"', without: ['council'] }],
    ['levy -"city hall" -tax well-known', { words: 'levy well-known', without: ['"city hall"', 'tax'] }],
    ['levy site:nytimes.com', { words: 'levy', without: [], site: 'nytimes.com' }],
    ['site:https://www.NYTimes.com/2024/x levy', { words: 'levy', without: [], site: 'nytimes.com' }],
    ['levy site:m.bbc.co.uk', { words: 'levy', without: [], site: 'bbc.co.uk' }],
    ['levy site:127.0.0.2', { words: 'levy', without: [], site: '127.0.0.2' }],
    ['by:alice levy BY:bob', { words: 'levy', without: [], by: 'bob' }],
    ['levy forum:economy', { words: 'levy', without: [], forum: 'economy' }],
    ['time:now levy', { words: 'time:now levy', without: [] }],
    ['levy email:x@y', { words: 'levy email:x@y', without: [] }],
  ]
  for (const [text, parsed] of cases) t.same(parseSearchQuery(text), parsed, text)
})

t.test('bad searches say what is wrong', async (t) => {
  const cases: [string, string][] = [
    ['', 'empty_query'],
    ['   ', 'empty_query'],
    ['site:nytimes.com by:alice', 'empty_query'],
    ['-levy', 'empty_query'],
    ['levy site:', 'empty_operator'],
    ['levy site:not_a_site', 'bad_site'],
    ['levy site:localhost', 'bad_site'],
    ['x'.repeat(201), 'query_too_long'],
  ]
  for (const [text, code] of cases) {
    const refusal = (() => {
      try {
        parseSearchQuery(text)
        return undefined
      } catch (err) {
        return err instanceof AppError ? { status: err.status, code: err.code } : err
      }
    })()
    t.same(refusal, { status: 400, code }, JSON.stringify(text))
  }
})
