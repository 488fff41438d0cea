import { Type } from 'typebox'

export const Credentials = Type.Object(
  { username: Type.String({ maxLength: 200 }), password: Type.String({ maxLength: 1000 }) },
  { additionalProperties: false },
)

export const Session = Type.Object(
  {
    user: Type.Object({ id: Type.Integer(), username: Type.String() }, { additionalProperties: false }),
    token: Type.String(),
  },
  { additionalProperties: false },
)
