import { REPLIES_PER_PAGE, REPLY_INDENT_MAX } from '../limits.js'

/** What places a reply in its thread's tree. */
export interface ReplyLink {
  id: number
  parentId: number | null
}

/** A reply in tree order: how deep it sits and how many replies hang below it. */
export interface PlacedReply extends ReplyLink {
  depth: number
  descendants: number
}

/**
 * A thread's replies in the order they are read: each reply followed by the answers to it, oldest
 * first at every level (replies given in id order, which is the order they were written). A reply
 * whose parent is not among them starts a tree of its own.
 */
export function treeOrder(links: readonly ReplyLink[]): PlacedReply[] {
  const known = new Set(links.map((r) => r.id))
  const children = new Map<number | null, ReplyLink[]>()
  for (const link of links) {
    const parent = link.parentId !== null && known.has(link.parentId) ? link.parentId : null
    const siblings = children.get(parent)
    if (siblings) siblings.push(link)
    else children.set(parent, [link])
  }
  const order: PlacedReply[] = []
  // Iterative, so a chain of thousands of answers cannot overflow the stack.
  const stack: { link: ReplyLink; depth: number }[] = (children.get(null) ?? [])
    .map((link) => ({ link, depth: 0 }))
    .reverse()
  const open: PlacedReply[] = []
  while (stack.length > 0) {
    const { link, depth } = stack.pop()!
    while (open.length > depth) open.pop()
    const placed = { id: link.id, parentId: link.parentId, depth, descendants: 0 }
    for (const ancestor of open) ancestor.descendants++
    order.push(placed)
    open.push(placed)
    const answers = children.get(link.id) ?? []
    for (let i = answers.length - 1; i >= 0; i--) stack.push({ link: answers[i]!, depth: depth + 1 })
  }
  return order
}

export const replyPageCount = (replies: number) => Math.max(1, Math.ceil(replies / REPLIES_PER_PAGE))

/** The page (from 1) of the thread that shows this reply; undefined when it is not in the thread. */
export function pageOfReply(order: readonly ReplyLink[], id: number): number | undefined {
  const at = order.findIndex((r) => r.id === id)
  return at < 0 ? undefined : Math.floor(at / REPLIES_PER_PAGE) + 1
}

/** The replies one page shows, in tree order. */
export const replyPage = <T>(order: readonly T[], page: number): T[] =>
  order.slice((page - 1) * REPLIES_PER_PAGE, page * REPLIES_PER_PAGE)

/** A thread page's address, from the thread's own (its threadPath): the first page is the thread's own. */
export const threadPagePath = (threadAddress: string, page: number) =>
  page > 1 ? `${threadAddress}?page=${page}` : threadAddress

/** Where one reply is read: its page of the thread at `threadAddress`, and the reply in view. */
export const replyPath = (threadAddress: string, order: readonly ReplyLink[], id: number) =>
  `${threadPagePath(threadAddress, pageOfReply(order, id) ?? 1)}#reply-${id}`

/** A reply as a page nests it: the answers below it, and whether it stands away from what it answers. */
export interface NestedReply {
  place: PlacedReply
  answers: NestedReply[]
  /** An answer not shown under its parent (on an earlier page, or past the deepest indent): it says whom it answers. */
  apart: boolean
}

/**
 * One page's replies (a stretch of the tree order) nested for the page: each answer under what it
 * answers, down to REPLY_INDENT_MAX levels of indent; deeper answers continue flat at the deepest
 * level beside what they answer, so folding a reply above them still folds them all. A page may
 * start inside a discussion: its first answers stand at the top, apart.
 */
export function nestReplies(page: readonly PlacedReply[]): NestedReply[] {
  const top: NestedReply[] = []
  const path: { node: NestedReply; depth: number; level: number; container: NestedReply[] }[] = []
  for (const place of page) {
    while (path.length > 0 && path[path.length - 1]!.depth >= place.depth) path.pop()
    const parent = path[path.length - 1]
    const node: NestedReply = { place, answers: [], apart: false }
    let level = 0
    let container = top
    if (!parent) node.apart = place.parentId !== null
    else if (parent.level < REPLY_INDENT_MAX) {
      level = parent.level + 1
      container = parent.node.answers
    } else {
      level = parent.level
      container = parent.container
      node.apart = true
    }
    container.push(node)
    path.push({ node, depth: place.depth, level, container })
  }
  return top
}
