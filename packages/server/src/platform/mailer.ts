import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** A mail to send. */
export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Where mail goes once it has left the outbox. */
export interface MailTransport {
  send(mail: Mail): Promise<void>;
}

/**
 * Queues mail in the outbox table inside the caller's transaction, so a
 * mail is recorded exactly when the change it reports commits.
 */
export async function enqueueMail(
  trx: Kysely<Database>,
  mail: Mail,
  now: number,
): Promise<void> {
  await trx
    .insertInto('mail_outbox')
    .values({
      to_address: mail.to,
      subject: mail.subject,
      body: mail.text,
      created_at: now,
      sent_at: null,
    })
    .execute();
}

/** An SMTP transport, from a URL such as `smtp://user:pass@host:587`. */
export function smtpTransport(url: string, from: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transporter.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
      });
    },
  };
}

/**
 * Sends what waits in the outbox through the transport, oldest first,
 * marking each as sent. A failed send stays queued for the next round.
 */
export async function deliverOutbox(
  db: Kysely<Database>,
  transport: MailTransport,
  now: () => number,
  log: Logger,
  limit = 50,
): Promise<number> {
  const pending = await db
    .selectFrom('mail_outbox')
    .selectAll()
    .where('sent_at', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();

  let sent = 0;
  for (const mail of pending) {
    try {
      await transport.send({
        to: mail.to_address,
        subject: mail.subject,
        text: mail.body,
      });
      await db
        .updateTable('mail_outbox')
        .set({ sent_at: now() })
        .where('id', '=', mail.id)
        .execute();
      sent += 1;
    } catch (error) {
      log.warn({ err: error, mailId: mail.id }, 'mail not sent, will retry');
      break;
    }
  }
  return sent;
}
