import { Type } from 'typebox'
import { DOMAIN_MAX, DOMAIN_REASON_MAX } from '../limits.js'

const Kind = Type.Union([Type.Literal('blocked'), Type.Literal('shortener')], {
  description: 'blocked: links there are refused; shortener: followed to where they lead',
})

export const DomainRule = Type.Object(
  {
    domain: Type.String(),
    kind: Kind,
    reason: Type.String(),
    createdBy: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String(),
  },
  { additionalProperties: false },
)

export const DomainRules = Type.Object({ rules: Type.Array(DomainRule) }, { additionalProperties: false })

export const NewDomainRule = Type.Object(
  {
    domain: Type.String({ maxLength: DOMAIN_MAX }),
    kind: Kind,
    reason: Type.String({ maxLength: DOMAIN_REASON_MAX }),
  },
  { additionalProperties: false },
)

export const DomainParams = Type.Object(
  { domain: Type.String({ maxLength: DOMAIN_MAX }) },
  { additionalProperties: false },
)
