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
    bio: Type.String(),
    recsGiven: Type.Integer(),
    newMember: Type.Boolean({ description: 'In their first NEW_MEMBER_DAYS: tighter limits, no alerts.' }),
  },
  { additionalProperties: false },
)
