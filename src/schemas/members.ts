import { Type } from 'typebox'
import { PASSWORD_MAX, USERNAME_MAX } from '../limits.js'

export const Credentials = Type.Object(
  { username: Type.String({ maxLength: USERNAME_MAX }), password: Type.String({ maxLength: PASSWORD_MAX }) },
  { additionalProperties: false },
)

export const Session = Type.Object(
  {
    user: Type.Object({ id: Type.Integer(), username: Type.String() }, { additionalProperties: false }),
    token: Type.String(),
  },
  { additionalProperties: false },
)

/** A member as their page shows them. */
export const Profile = Type.Object(
  {
    username: Type.String(),
    postCount: Type.Integer(),
    createdAt: Type.String(),
    star: Type.Boolean({ description: 'A Star member: a supporter of the site, named by an admin.' }),
    /** Since when they are a Star member; null when they are not. */
    starSince: Type.Union([Type.String(), Type.Null()]),
    bio: Type.String(),
    recsGiven: Type.Integer(),
    /** The account was deleted: its posts stay, by "a former member". */
    deleted: Type.Boolean(),
    newMember: Type.Boolean({ description: 'In their first NEW_MEMBER_DAYS: tighter limits, no alerts.' }),
  },
  { additionalProperties: false },
)

/** One of a member's sessions (a browser logged in) or API tokens; `current`: the one this request came with. */
export const OpenSession = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.Union([Type.Literal('web'), Type.Literal('api')]),
    createdAt: Type.String(),
    expiresAt: Type.String(),
    current: Type.Boolean(),
  },
  { additionalProperties: false },
)
