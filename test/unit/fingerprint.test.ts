import t from 'tap'
import { MAX_DISTANCE, simhash } from '../../src/extract/fingerprint.js'

/** Differing bits, counted here the same way thread-view.ts counts them in SQL. */
const hammingDistance = (a: bigint, b: bigint) =>
  BigInt.asUintN(64, a ^ b)
    .toString(2)
    .replaceAll('0', '').length

const sentence = (i: number) =>
  `Officials in district ${i} said on Monday that the new water treatment plant would open next spring after delays caused by supply problems and a dispute over contractor payments number ${i * 7}.`
const story = Array.from({ length: 20 }, (_, i) => sentence(i)).join(' ')

t.test('the same wire story with small edits stays within the distance', async (t) => {
  const copy = `By Staff and wire reports. ${story.replace('next spring', 'in the spring')} Read more at our site.`
  const a = simhash(story)!
  const b = simhash(copy)!
  t.ok(hammingDistance(a, b) <= MAX_DISTANCE, `distance ${hammingDistance(a, b)}`)
})

t.test('different stories are far apart', async (t) => {
  const other = Array.from(
    { length: 20 },
    (_, i) =>
      `The football club announced that striker number ${i} signed a three year contract extension worth an undisclosed sum, ending weeks of speculation among fans ${i}.`,
  ).join(' ')
  const distance = hammingDistance(simhash(story)!, simhash(other)!)
  t.ok(distance > 12, `distance ${distance}`)
})

t.test('short texts get no fingerprint; fingerprints fit a signed bigint', async (t) => {
  t.equal(simhash('Too short to say anything about.'), null)
  const value = simhash(story)!
  t.ok(value >= -(2n ** 63n) && value < 2n ** 63n)
  t.equal(simhash(story), value, 'deterministic')
})
