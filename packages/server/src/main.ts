import { inspect } from 'node:util';
import { readConfig } from './config';
import { seedDemo } from './features/demo/seed';
import { createServer } from './server';

/**
 * `npm start`: runs Bottega. On an empty database it seeds the demo co-op
 * and prints the URL and the demo logins.
 */
async function main(): Promise<void> {
  const config = readConfig();
  const server = await createServer(config);
  const { app, deps } = server;

  const demo = config.SEED_DEMO === 'true' ? await seedDemo(deps) : null;
  const address = await app.listen({ port: config.PORT, host: config.HOST });
  const where = deps.db.dialect === 'sqlite' ? config.sqliteFile : 'PostgreSQL';
  deps.log.info({ address, database: deps.db.dialect }, 'Bottega is listening');

  const lines = [
    '',
    `  Bottega is running at ${address}`,
    `  API docs:   ${address}/api/docs`,
    `  Data:       ${where}`,
  ];
  if (demo) {
    lines.push(
      `  Demo drop:  ${address}/api/drops/${demo.dropId}`,
      `  Live count: ${address}/api/drops/${demo.dropId}/events`,
      '  Demo logins (password for all: ' + demo.password + '):',
      ...demo.logins.map(
        (login) => `    ${login.email.padEnd(32)} ${login.who}`,
      ),
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    deps.log.info({ signal }, 'stopping');
    server.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        deps.log.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Bottega could not start: ${String(error)}\n`);
  if (error instanceof Error && error.cause) {
    process.stderr.write(`  cause: ${inspect(error.cause)}\n`);
  }
  process.exit(1);
});
