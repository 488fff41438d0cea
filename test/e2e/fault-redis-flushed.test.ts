import t from 'tap'
import { postThroughFault, sleep } from '../helpers/redis-faults.js'
import { noRedisServer } from '../helpers/redis-server.js'

t.test('Redis flushed while posts and digests are in flight', { skip: noRedisServer() }, (t) =>
  postThroughFault(t, 'Redis flushed', async (redis, phase) => {
    await redis.flush()
    phase('flushed')
    await sleep(2000)
  }),
)
