import t from 'tap'
import {
  normalizeDate,
  parseDate,
  readInPageZone,
  resolveDate,
  type ZoneEvidence,
  type ZoneStamp,
} from '../../src/extract/dates.js'
import { findZoneStamps } from '../../src/extract/datelines.js'
import { isoInZone, zoneForName, type WallTime } from '../../src/extract/time-zones.js'

const NO_EVIDENCE: ZoneEvidence = { stamps: [], offsets: [] }
const wall = (iso: string): WallTime => {
  const d = new Date(`${iso}Z`)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  }
}
const stamp = (hour: number, minute: number | null, zone: string, inDateline = true): ZoneStamp => ({
  hour,
  minute,
  zone,
  inDateline,
})

t.test('normalizeDate', async (t) => {
  const cases: Array<[raw: string | null, expected: string | null]> = [
    ['2016-04-06T19:00:00-04:00', '2016-04-06T19:00:00-04:00'],
    ['2021-11-01T10:52:50+0100', '2021-11-01T10:52:50+01:00'],
    ['2024-03-18T08:30:00+00:00', '2024-03-18T08:30:00+00:00'],
    ['2019-01-03T07:00:02.000Z', '2019-01-03T07:00:02Z'],
    ['2015-03-27T13:07:55.096Z', '2015-03-27T13:07:55.096Z'],
    ['2017-11-03 03:01:00.000000', '2017-11-03T03:01:00Z'],
    ['2018-04-05T06:00', '2018-04-05T06:00:00Z'],
    ['2024-06-25', '2024-06-25T00:00:00Z'],
    ['20160406T190000-0400', '2016-04-06T19:00:00-04:00'],
    ['Wed, 06 Apr 2016 23:00:00 GMT', '2016-04-06T23:00:00Z'],
    ['Wed, 06 Apr 2016 23:00:00 +0200', '2016-04-06T21:00:00Z'],
    ['April 6, 2016', '2016-04-06T00:00:00Z'],
    // A zone named in the text is read with its daylight saving on that date.
    ['February 1, 2016: 1:28 AM ET', '2016-02-01T01:28:00-05:00'],
    ['April 28, 2019 at 6:01 a.m. PT', '2019-04-28T06:01:00-07:00'],
    ['Apr 28, 2019 6:01 am EST', '2019-04-28T06:01:00-04:00'],
    ['1459983600', '2016-04-06T23:00:00Z'],
    ['2016-02-30T10:00:00Z', null],
    ['2016-04-06T25:00:00Z', null],
    ['yesterday', null],
    ['', null],
    [null, null],
  ]
  for (const [raw, expected] of cases) t.equal(normalizeDate(raw), expected, JSON.stringify(raw))
})

t.test('parseDate tells a clock from a date and an offset from an assumption', async (t) => {
  const cases: Array<[raw: string, exact: boolean, hasClock: boolean]> = [
    ['2016-04-06T19:00:00-04:00', true, true],
    ['2016-04-06T19:00:00', false, true],
    ['2016-04-06', false, false],
    ['April 6, 2016', false, false],
    ['April 6, 2016 7:00 PM', false, true],
    ['April 6, 2016 7 p.m. CET', true, true],
    ['1459983600', true, true],
  ]
  for (const [raw, exact, hasClock] of cases) {
    t.match(parseDate(raw), { exact, hasClock }, raw)
  }
})

t.test('zoneForName', async (t) => {
  const cases: Array<[name: string, lang: string | null, zone: string | null]> = [
    ['ET', null, 'America/New_York'],
    ['EDT', null, 'America/New_York'],
    ['Eastern', null, 'America/New_York'],
    ['Pacific time', null, 'America/Los_Angeles'],
    ['pacific', null, 'America/Los_Angeles'],
    ['PDT', null, 'America/Los_Angeles'],
    ['CT', null, 'America/Chicago'],
    ['MST', null, 'America/Phoenix'],
    ['CEST', null, 'Europe/Paris'],
    ['MEZ', null, 'Europe/Berlin'],
    ['BST', null, 'Europe/London'],
    ['GMT', null, 'UTC'],
    ['IST', 'en-IN', 'Asia/Kolkata'],
    ['IST', 'en-IE', 'Europe/Dublin'],
    ['IST', 'he', 'Asia/Jerusalem'],
    ['et', null, null],
    ['NASA', null, null],
  ]
  for (const [name, lang, zone] of cases) t.equal(zoneForName(name, lang), zone, `${name} (${lang})`)
})

t.test('isoInZone follows daylight saving', async (t) => {
  const cases: Array<[wall: string, zone: string, expected: string]> = [
    ['2016-02-01T01:28:49', 'America/New_York', '2016-02-01T01:28:49-05:00'],
    ['2016-07-01T01:28:00', 'America/New_York', '2016-07-01T01:28:00-04:00'],
    ['2019-04-28T06:01:07', 'America/Los_Angeles', '2019-04-28T06:01:07-07:00'],
    ['2019-01-28T06:01:07', 'America/Los_Angeles', '2019-01-28T06:01:07-08:00'],
    ['2019-07-28T14:30:00', 'Europe/Paris', '2019-07-28T14:30:00+02:00'],
    ['2019-07-28T14:30:00', 'Asia/Kolkata', '2019-07-28T14:30:00+05:30'],
    ['2019-07-28T14:30:00', 'UTC', '2019-07-28T14:30:00Z'],
    // The repeated autumn hour is its first occurrence; a time in the spring gap moves forward.
    ['2016-11-06T01:30:00', 'America/New_York', '2016-11-06T01:30:00-04:00'],
    ['2016-03-13T02:30:00', 'America/New_York', '2016-03-13T03:30:00-04:00'],
  ]
  for (const [w, zone, expected] of cases) t.equal(isoInZone(wall(w), zone), expected, `${w} ${zone}`)
})

t.test('findZoneStamps', async (t) => {
  const cases: Array<[text: string, expected: Array<[hour: number, minute: number | null, zone: string]>]> = [
    ['First published February 1, 2016: 1:28 AM ET', [[1, 28, 'America/New_York']]],
    ['Updated 12:41 PM ET, Mon February 1, 2016', [[12, 41, 'America/New_York']]],
    ['April 28, 2019 at 6:01 a.m. Pacific', [[6, 1, 'America/Los_Angeles']]],
    ['Posted 3 p.m. CT', [[15, null, 'America/Chicago']]],
    ['24.11.2017, 14:30 Uhr MEZ', [[14, 30, 'Europe/Berlin']]],
    ['10:00 (BST)', [[10, 0, 'Europe/London']]],
    ['14:30 Central European Time', []],
    ['In 2016 NASA said', []],
    ['Page 3 ET', []],
    ['13:00 PM ET', []],
    ['April 28, 2019 at 6:01 am', []],
  ]
  for (const [text, expected] of cases) {
    t.same(
      findZoneStamps(text, null, true).map((s) => [s.hour, s.minute, s.zone]),
      expected,
      text,
    )
  }
})

t.test('readInPageZone: the zone printed by the same clock, the offset of a near date, the datelines', async (t) => {
  const cnn = wall('2016-02-01T01:28:49')
  const cases: Array<[name: string, evidence: ZoneEvidence, expected: string | null]> = [
    ['nothing', NO_EVIDENCE, null],
    ['same clock', { stamps: [stamp(1, 28, 'America/New_York', false)], offsets: [] }, '2016-02-01T01:28:49-05:00'],
    ['same clock, 24-hour', { stamps: [stamp(13, 28, 'Europe/Paris')], offsets: [] }, '2016-02-01T01:28:49+01:00'],
    [
      'an offset within weeks',
      { stamps: [], offsets: [{ ms: Date.parse('2016-02-02T12:00:00-05:00'), offset: -300 }] },
      '2016-02-01T01:28:49-05:00',
    ],
    [
      'the nearest offset',
      {
        stamps: [],
        offsets: [
          { ms: Date.parse('2016-01-25T12:00:00+01:00'), offset: 60 },
          { ms: Date.parse('2016-02-01T12:00:00-05:00'), offset: -300 },
        ],
      },
      '2016-02-01T01:28:49-05:00',
    ],
    [
      'a zero offset is no evidence',
      { stamps: [], offsets: [{ ms: Date.parse('2016-02-01T12:00:00Z'), offset: 0 }] },
      null,
    ],
    [
      'an offset from another season is no evidence',
      { stamps: [], offsets: [{ ms: Date.parse('2016-08-01T12:00:00-04:00'), offset: -240 }] },
      null,
    ],
    [
      'datelines agree on a zone',
      { stamps: [stamp(12, 41, 'America/New_York'), stamp(9, 5, 'America/New_York')], offsets: [] },
      '2016-02-01T01:28:49-05:00',
    ],
    [
      'datelines disagree',
      { stamps: [stamp(12, 41, 'America/New_York'), stamp(9, 5, 'America/Los_Angeles')], offsets: [] },
      null,
    ],
    ['a zone in running text', { stamps: [stamp(20, 0, 'America/New_York', false)], offsets: [] }, null],
  ]
  for (const [name, evidence, expected] of cases) t.equal(readInPageZone(cnn, evidence), expected, name)
})

t.test('resolveDate', async (t) => {
  const ET = { stamps: [stamp(1, 28, 'America/New_York')], offsets: [] }
  const cases: Array<
    [candidates: Array<string | null>, evidence: ZoneEvidence, value: string | null, precision?: string]
  > = [
    // A value with an offset beats an earlier one without.
    [['2016-04-06T19:00', null, '2016-04-06T19:00:00-04:00'], NO_EVIDENCE, '2016-04-06T19:00:00-04:00', 'time'],
    [['2016-02-01 01:28:49'], ET, '2016-02-01T01:28:49-05:00', 'time'],
    [['2019-04-28 06:01:07'], NO_EVIDENCE, '2019-04-28', 'date'],
    [['garbage', '2016-04-06'], NO_EVIDENCE, '2016-04-06', 'date'],
    // A date alone does not hide a later candidate's clock whose zone the page gives.
    [['2016-02-01', '2016-02-01T01:28:49'], ET, '2016-02-01T01:28:49-05:00', 'time'],
    [[null, 'garbage'], NO_EVIDENCE, null],
  ]
  for (const [candidates, evidence, value, precision] of cases) {
    const resolved = resolveDate(candidates, () => evidence)
    t.same(resolved, value === null ? null : { value, precision }, JSON.stringify(candidates))
  }
  let asked = 0
  resolveDate(['2016-04-06T19:00:00-04:00'], () => {
    asked++
    return NO_EVIDENCE
  })
  t.equal(asked, 0, 'the page is not searched when the date carries its offset')
})

t.test('parseDate reads values printed as people write dates, in the page language, without a zone', async (t) => {
  const cases: Array<[raw: string, lang: string | null, iso: string | null]> = [
    ['10.12.2022, 07:00:03', 'de', '2022-12-10T07:00:00Z'],
    ['11/01/2023 12:43:42', 'de', '2023-01-11T12:43:00Z'],
    ['11/01/2023', 'en-US', '2023-11-01T00:00:00Z'],
    ['21. Januar 2022', 'de', '2022-01-21T00:00:00Z'],
    ['Ausgabe 12, 10.12.2022', 'de', null],
    ['2020-01-10T00:59:47ZZ', null, null],
  ]
  for (const [raw, lang, iso] of cases) {
    const parsed = parseDate(raw, lang)
    t.equal(parsed?.iso ?? null, iso, raw)
    if (parsed) t.equal(parsed.exact, false, `${raw}: no zone`)
  }
})
