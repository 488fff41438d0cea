import t from 'tap'
import { Slots } from '../../src/slots.js'

/** Work that ends when told to. */
function held() {
  let end = () => {}
  const done = new Promise<void>((resolve) => (end = resolve))
  return { work: () => done, end }
}

const refused = () => new Error('busy')
const tick = () => new Promise((resolve) => setTimeout(resolve, 10))

t.test('past its size, work waits for a slot in the order it came, and is refused after its wait', async (t) => {
  const slots = new Slots(2, { ms: 200, refuse: refused })
  const [a, b] = [held(), held()]
  const order: string[] = []
  const running = [slots.run(a.work), slots.run(b.work)]
  const third = slots.run(async () => void order.push('third'))
  const fourth = slots.run(async () => void order.push('fourth'))
  await tick()
  t.same(order, [], 'both slots are taken')
  a.end()
  await tick()
  t.same(order, ['third', 'fourth'], 'each slot that frees goes to the oldest waiter')
  await third
  await fourth

  const [c, d] = [held(), held()]
  b.end()
  await Promise.all(running)
  const busy = [slots.run(c.work), slots.run(d.work)]
  const started = Date.now()
  await t.rejects(
    slots.run(async () => t.fail('never runs')),
    { message: 'busy' },
  )
  t.ok(Date.now() - started >= 190, 'refused once its wait is over')
  c.end()
  await tick()
  let ran = false
  await slots.run(async () => void (ran = true))
  t.ok(ran, 'a refused waiter holds no slot: the one freed is taken at once')
  d.end()
  await Promise.all(busy)
})

t.test('without a wait, work waits for as long as its slot takes', async (t) => {
  const slots = new Slots(1)
  const first = held()
  const running = slots.run(first.work)
  let ran = false
  const second = slots.run(async () => void (ran = true))
  await new Promise((resolve) => setTimeout(resolve, 250))
  t.notOk(ran, 'still waiting, never refused')
  first.end()
  await Promise.all([running, second])
  t.ok(ran, 'runs once the slot frees')
})
