import t from 'tap'
import { REPLIES_PER_PAGE, REPLY_INDENT_MAX } from '../../src/limits.js'
import {
  nestReplies,
  pageOfReply,
  replyPage,
  replyPageCount,
  replyPath,
  treeOrder,
  type NestedReply,
} from '../../src/views/reply-tree.js'

const shape = (nodes: NestedReply[]): unknown =>
  nodes.map((n) => (n.answers.length ? [n.place.id, n.apart, shape(n.answers)] : [n.place.id, n.apart]))

t.test('tree order: each reply followed by its answers, oldest first at every level', async (t) => {
  const order = treeOrder([
    { id: 1, parentId: null },
    { id: 2, parentId: null },
    { id: 3, parentId: 1 },
    { id: 4, parentId: 2 },
    { id: 5, parentId: 3 },
    { id: 6, parentId: 1 },
    { id: 7, parentId: 404 },
  ])
  t.same(
    order.map((r) => [r.id, r.depth, r.descendants]),
    [
      [1, 0, 3],
      [3, 1, 1],
      [5, 2, 0],
      [6, 1, 0],
      [2, 0, 1],
      [4, 1, 0],
      [7, 0, 0],
    ],
    'a reply whose parent is unknown starts a tree of its own',
  )
  t.same(treeOrder([]), [])
})

t.test('a chain thousands deep is ordered without recursion', async (t) => {
  const links = Array.from({ length: 20_000 }, (_, i) => ({ id: i + 1, parentId: i === 0 ? null : i }))
  const order = treeOrder(links)
  t.equal(order.length, 20_000)
  t.equal(order.at(-1)!.depth, 19_999)
  t.equal(order[0]!.descendants, 19_999)
})

t.test('pages cut the tree order; every reply is on exactly one page', async (t) => {
  const links = Array.from({ length: REPLIES_PER_PAGE * 2 + 3 }, (_, i) => ({
    id: i + 1,
    parentId: i % 3 === 0 ? null : i,
  }))
  const order = treeOrder(links)
  const pages = replyPageCount(order.length)
  t.equal(pages, 3)
  t.equal(replyPageCount(0), 1, 'a thread without replies has one page')
  const seen = Array.from({ length: pages }, (_, i) => replyPage(order, i + 1)).flat()
  t.same(
    seen.map((r) => r.id),
    order.map((r) => r.id),
  )
  const last = order.at(-1)!.id
  t.equal(pageOfReply(order, last), 3)
  t.equal(pageOfReply(order, order[0]!.id), 1)
  t.equal(pageOfReply(order, 999), undefined)
  t.equal(replyPath('/threads/7-a-story', order, last), `/threads/7-a-story?page=3#reply-${last}`)
  t.equal(replyPath('/threads/7-a-story', order, order[0]!.id), `/threads/7-a-story#reply-${order[0]!.id}`)
})

t.test('a page nests answers under what they answer; one starting mid-discussion stands apart', async (t) => {
  const order = treeOrder([
    { id: 1, parentId: null },
    { id: 2, parentId: 1 },
    { id: 3, parentId: 2 },
    { id: 4, parentId: 1 },
    { id: 5, parentId: null },
  ])
  t.same(shape(nestReplies(order)), [
    [
      1,
      false,
      [
        [2, false, [[3, false]]],
        [4, false],
      ],
    ],
    [5, false],
  ])
  // A page that starts at reply 3: it and 4 answer replies shown on an earlier page.
  t.same(shape(nestReplies(order.slice(2))), [
    [3, true],
    [4, true],
    [5, false],
  ])
})

t.test('past the deepest indent, answers continue flat beside what they answer', async (t) => {
  const depth = REPLY_INDENT_MAX + 3
  const order = treeOrder(Array.from({ length: depth + 1 }, (_, i) => ({ id: i + 1, parentId: i === 0 ? null : i })))
  let level = nestReplies(order)
  for (let i = 0; i < REPLY_INDENT_MAX; i++) {
    t.equal(level.length, 1, `level ${i} holds one reply`)
    level = level[0]!.answers
  }
  t.same(
    level.map((n) => [n.place.id, n.apart, n.answers.length]),
    [
      [REPLY_INDENT_MAX + 1, false, 0],
      ...Array.from({ length: depth - REPLY_INDENT_MAX }, (_, i) => [REPLY_INDENT_MAX + 2 + i, true, 0]),
    ],
    'the deepest level holds the rest of the chain, each saying whom it answers',
  )
})
