import t from 'tap'
import { postThroughFault, sleep } from '../helpers/redis-faults.js'
import { noRedisServer } from '../helpers/redis-server.js'

t.test('Redis frozen, then killed and restarted, while posts are in flight', { skip: noRedisServer() }, (t) =>
  postThroughFault(t, 'Redis frozen and killed', async (redis, phase) => {
    // Posts sent now wait on a Redis that never answers; killed, it leaves them unanswered for good.
    phase('Redis frozen')
    redis.freeze()
    await sleep(3000)
    phase('Redis down')
    await redis.stop('SIGKILL')
    await sleep(3000)
    await redis.start()
  }),
)
