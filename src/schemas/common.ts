import { Type } from 'typebox'

export const ErrorBody = Type.Object({ error: Type.String(), message: Type.String() }, { additionalProperties: false })

export const Author = Type.Object(
  {
    username: Type.String(),
    postCount: Type.Integer(),
    star: Type.Boolean({ description: 'A Star member: a supporter of the site, named by an admin.' }),
  },
  { additionalProperties: false },
)

// Ids are Postgres bigints; past this they could not be ours (and would not fit a JS number).
export const IdParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) },
  { additionalProperties: false },
)

export const PageQuery = Type.Object(
  { page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: 1 })) },
  { additionalProperties: false },
)

const NullableString = Type.Union([Type.String(), Type.Null()])
export { NullableString }
