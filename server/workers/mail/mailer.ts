import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Transporter } from 'nodemailer';

// nodemailer is loaded on the first message, not at start-up (it is ~20 % of the server's start).
type Options = Parameters<typeof import('nodemailer')['createTransport']>[0];
function lazyTransport(options: Options): { get(): Promise<Transporter>; close(): void } {
  let transport: Promise<Transporter> | undefined;
  let made: Transporter | undefined;
  return {
    get: () => (transport ??= import('nodemailer').then((m) => (made = m.default.createTransport(options)))),
    close: () => made?.close(),
  };
}

/** One e-mail ready to go; `key` is the outbox row's dedupe key. */
export interface MailMessage {
  key: string;
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** Where e-mail goes: an SMTP server, or `.eml` files for the embedded default. */
export interface Mailer {
  /** For the start-up banner; never contains credentials. */
  readonly description: string;
  /** Resolves once the message is accepted; rejects with the reason otherwise. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Sends over SMTP (`smtp://host:port`, `smtps://user:pass@host:465`, options as query string).
 * Timeouts are bounded so one send always ends well inside the worker's lease (see worker.ts).
 */
export function smtpMailer(url: string, options: { timeoutMs?: number } = {}): Mailer {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const transport = lazyTransport({
    url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  } as Options);
  return {
    description: `sent over SMTP to ${redact(url)}`,
    async send(message) {
      await (await transport.get()).sendMail(toNodemailer(message));
    },
    close() {
      transport.close();
    },
  };
}

/** Writes each message as `<dir>/<key>.eml` (rename into place, so a file is whole or absent). */
export function fileMailer(dir: string): Mailer {
  const transport = lazyTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const absolute = resolve(dir);
  return {
    description: `written as .eml files to ${absolute} (set SMTP_URL to send them)`,
    async send(message) {
      const info = await (await transport.get()).sendMail(toNodemailer(message));
      await mkdir(absolute, { recursive: true });
      const file = join(absolute, `${message.key.replace(/[^a-zA-Z0-9_-]/g, '-')}.eml`);
      await writeFile(`${file}.tmp`, info.message as Buffer);
      // Writing the same key twice replaces the file: the directory holds one message per key.
      await rename(`${file}.tmp`, file);
    },
    close() {
      transport.close();
    },
  };
}

function toNodemailer(message: MailMessage) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    // Stable per outbox row: should a message ever go out twice, receivers can tell it is the same one.
    messageId: message.messageId,
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return 'the configured SMTP_URL';
  }
}
