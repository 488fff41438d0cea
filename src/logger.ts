import { pino } from 'pino'
import type { FastifyBaseLogger } from 'fastify'

export const createLogger = (level: string, name: string): FastifyBaseLogger => pino({ level, name })
