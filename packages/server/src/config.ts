import path from 'node:path';
import { z } from 'zod';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Bottega <bottega@localhost>'),
  SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  HOLD_MINUTES: z.coerce.number().int().min(10).max(15).default(15),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
});

/** Configuration read from the environment. */
export type Config = z.infer<typeof EnvSchema> & { sqliteFile: string };

/**
 * Reads the configuration; throws a readable error naming every bad
 * variable.
 */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Bad configuration: ${problems}`);
  }
  return {
    ...parsed.data,
    sqliteFile: path.resolve(parsed.data.DATA_DIR, 'bottega.sqlite'),
  };
}
