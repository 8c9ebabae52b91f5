import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { openDatabase } from '../db/database';

/**
 * `npm run outbox`: prints the mail Bottega queued (order receipts, the
 * notices of a failed drop), newest first. Without SMTP_URL this outbox is
 * where mail stays; with it, sent mail shows its sending time.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      limit: { type: 'string', default: '20' },
      to: { type: 'string' },
      unsent: { type: 'boolean', default: false },
    },
  });
  const config = readConfig();
  const db = openDatabase(
    config.DATABASE_URL
      ? { kind: 'postgres', url: config.DATABASE_URL }
      : { kind: 'sqlite', file: config.sqliteFile },
  );
  try {
    let query = db.kysely
      .selectFrom('mail_outbox')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(Math.max(1, Math.min(500, Number(values.limit) || 20)));
    if (values.to) query = query.where('to_address', '=', values.to);
    if (values.unsent) query = query.where('sent_at', 'is', null);
    const mails = await query.execute();

    const when = new Intl.DateTimeFormat('it-IT', {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: 'Europe/Rome',
    });
    for (const mail of mails) {
      const sent = mail.sent_at
        ? `sent ${when.format(mail.sent_at)}`
        : 'not sent';
      process.stdout.write(
        `#${mail.id}  ${when.format(mail.created_at)}  (${sent})\n` +
          `To: ${mail.to_address}\nSubject: ${mail.subject}\n\n${mail.body}\n` +
          `${'-'.repeat(60)}\n`,
      );
    }
    if (mails.length === 0) process.stdout.write('The outbox is empty.\n');
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`outbox: ${String(error)}\n`);
  process.exit(1);
});
