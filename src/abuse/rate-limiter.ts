import type { Config } from '../config.js'
import { describeWait } from '../digest/failure.js'
import { AppError } from '../errors.js'
import { addressGroup } from './address-group.js'
import { isNewMember } from './new-members.js'
import type { RateStore } from './rate-store.js'

/** What members (and visitors) do that is limited per member and per network address. */
export type LimitedAction = 'link' | 'reply' | 'rec' | 'alert' | 'register' | 'login' | 'search'

interface ActionLimit {
  /** Per member and window; absent for what visitors do before they are members (log in, register). */
  perMember?: number
  /** A member in their first NEW_MEMBER_DAYS; absent when the same as perMember. */
  perNewMember?: number
  perAddress: number
  /**
   * Only what visitors (not logged in) do is counted per address: members are counted as
   * themselves alone, so logging in is the way past an address that many readers share.
   */
  addressIsVisitors?: boolean
  window: Window
  /** What is counted, one and many: ["link", "links"]. */
  noun: Noun
}

interface Window {
  ms: number
  /** How a limit names it: "30 links an hour". */
  per: string
}

const HOUR: Window = { ms: 3600_000, per: 'an hour' }
const MINUTE: Window = { ms: 60_000, per: 'a minute' }

const DAYS: Noun = ['day', 'days']
type Noun = readonly [one: string, many: string]
const count = (n: number, [one, many]: Noun) => `${n} ${n === 1 ? one : many}`

export type RateLimitSettings = Pick<
  Config,
  | 'rateLinksPerHour'
  | 'rateRepliesPerHour'
  | 'rateRecsPerHour'
  | 'rateAlertsPerHour'
  | 'rateAddressMembers'
  | 'registrationsPerHour'
  | 'authAttemptsPerMinute'
  | 'newMemberDays'
  | 'newMemberLinksPerHour'
  | 'newMemberRepliesPerHour'
  | 'rateSearchesPerMinute'
  | 'rateVisitorSearchesPerMinute'
>

function limitsOf(c: RateLimitSettings): Record<LimitedAction, ActionLimit[]> {
  // An address may do what several members do: households, offices and phone networks share one.
  const member = (perMember: number, noun: Noun, perNewMember?: number): ActionLimit => ({
    perMember,
    perNewMember,
    perAddress: perMember * c.rateAddressMembers,
    window: HOUR,
    noun,
  })
  const address = (perAddress: number, window: Window, noun: Noun): ActionLimit => ({ perAddress, window, noun })
  return {
    link: [member(c.rateLinksPerHour, ['link', 'links'], c.newMemberLinksPerHour)],
    reply: [member(c.rateRepliesPerHour, ['reply', 'replies'], c.newMemberRepliesPerHour)],
    rec: [member(c.rateRecsPerHour, ['rec', 'recs'])],
    alert: [member(c.rateAlertsPerHour, ['alert', 'alerts'])],
    login: [address(c.authAttemptsPerMinute, MINUTE, ['log-in attempt', 'log-in attempts'])],
    register: [
      address(c.authAttemptsPerMinute, MINUTE, ['registration attempt', 'registration attempts']),
      address(c.registrationsPerHour, HOUR, ['registration', 'registrations']),
    ],
    // Only searches no cache holds are counted (the caller's choice): they are what reaches Postgres.
    search: [
      {
        perMember: c.rateSearchesPerMinute,
        perAddress: c.rateVisitorSearchesPerMinute,
        addressIsVisitors: true,
        window: MINUTE,
        noun: ['search', 'searches'],
      },
    ],
  }
}

/** Who acts: the member, if any, and the address the request came from. */
export interface Actor {
  member?: { id: number; createdAt: Date } | null | undefined
  address: string
}

/** A refusal for acting too often: 429 with Retry-After, the same code for the API and the pages. */
const rateLimited = (message: string, resetMs: number) =>
  new AppError(429, 'rate_limited', message, Math.max(1, Math.ceil(resetMs / 1000)))

/**
 * Counts what members and addresses do in fixed windows kept in a store shared by every web
 * process, and refuses (429) what goes over a limit. Every attempt counts, refused ones too.
 */
export class RateLimiter {
  readonly #limits: Record<LimitedAction, ActionLimit[]>
  constructor(
    private readonly store: RateStore,
    private readonly settings: RateLimitSettings,
    /** A store that does not answer lets members through: told here, for the log. */
    private readonly onStoreError: (err: unknown) => void,
  ) {
    this.#limits = limitsOf(settings)
  }

  /** Counts the action and throws a 429 AppError when the member or their address has done it too often. */
  async check(action: LimitedAction, actor: Actor): Promise<void> {
    const isNew = actor.member ? isNewMember(actor.member, this.settings.newMemberDays) : false
    for (const [i, limit] of this.#limits[action].entries()) {
      const counts: Promise<AppError | undefined>[] = []
      if (!(actor.member && limit.addressIsVisitors))
        counts.push(
          this.#count(`${action}:${i}:a:${addressGroup(actor.address)}`, limit.perAddress, limit.window.ms, (wait) =>
            limit.addressIsVisitors
              ? `Too many ${limit.noun[1]} from your address; try again in ${wait}, or log in.`
              : `Too many ${limit.noun[1]} from your address; try again in ${wait}.`,
          ),
        )
      const perMember = isNew ? (limit.perNewMember ?? limit.perMember) : limit.perMember
      if (actor.member && perMember !== undefined)
        counts.push(
          this.#count(`${action}:${i}:m:${actor.member.id}`, perMember, limit.window.ms, (wait) =>
            isNew && perMember !== limit.perMember
              ? `New members have a limit of ${count(perMember, limit.noun)} ${limit.window.per} for their first ${count(this.settings.newMemberDays, DAYS)}; try again in ${wait}.`
              : `You have reached the limit of ${count(perMember, limit.noun)} ${limit.window.per}; try again in ${wait}.`,
          ),
        )
      const refusals = (await Promise.all(counts)).filter((r) => r !== undefined)
      // The member's own limit says more than their address's.
      if (refusals.length > 0) throw refusals.at(-1)!
    }
  }

  async #count(
    key: string,
    max: number,
    windowMs: number,
    message: (wait: string) => string,
  ): Promise<AppError | undefined> {
    let counted: { hits: number; resetMs: number }
    try {
      counted = await this.store.hit(key, windowMs)
    } catch (err) {
      if (this.store.kind === 'postgres') throw err
      this.onStoreError(err)
      return undefined
    }
    return counted.hits > max ? rateLimited(message(describeWait(counted.resetMs)), counted.resetMs) : undefined
  }
}
