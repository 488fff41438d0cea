import t from 'tap'
import { postThroughFault, sleep } from '../helpers/redis-faults.js'
import { noRedisServer } from '../helpers/redis-server.js'

t.test('Redis restarted while posts and digests are in flight', { skip: noRedisServer() }, (t) =>
  postThroughFault(t, 'Redis restarted', async (redis, phase) => {
    phase('Redis down')
    await redis.stop()
    await sleep(3000)
    await redis.start()
  }),
)
