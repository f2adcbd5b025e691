import { SMTPServer } from 'smtp-server';

/** One message as the SMTP server received it, with its MIME decoded for assertions. */
export interface ReceivedMail {
  raw: string;
  from: string;
  to: string[];
  subject: string;
  messageId: string;
  text: string;
  html: string;
  /** Every header and every decoded part, for scans that must not miss an encoded word. */
  decoded: string;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Messages offered to the server (accepted or not). */
  offered: number;
  close(): Promise<void>;
}

/**
 * A real SMTP server in this process on 127.0.0.1 (port 0 = a random free one). `reject(n)` is
 * asked for the n-th message offered (from 1) and may return an SMTP error code to refuse it.
 */
export async function startSmtpServer(options: { port?: number; reject?: (n: number) => number | null; delayMs?: number } = {}): Promise<TestSmtpServer> {
  const state = { received: [] as ReceivedMail[], offered: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const n = ++state.offered;
        const code = options.reject?.(n) ?? null;
        // `delayMs` is a slow receiver, not a wait of the test: sends stay in flight so racing workers overlap.
        setTimeout(() => {
          if (code !== null) {
            callback(Object.assign(new Error(code >= 500 ? 'Mailbox unavailable' : 'Mailbox busy, try again later'), { responseCode: code }));
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          state.received.push(parseMail(raw, session.envelope.mailFrom ? session.envelope.mailFrom.address : '', session.envelope.rcptTo.map((r) => r.address)));
          callback();
        }, options.delayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  // A client killed mid-session (the crash tests SIGKILL the server) resets its connection: that
  // is the client's failure to test, not an error of this receiver.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  const address = server.server.address() as { port: number };
  return {
    port: address.port,
    received: state.received,
    get offered() {
      return state.offered;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export { freePort } from './server-process.ts';

// ---- A small MIME reader: enough for nodemailer's output (multipart, QP, base64, encoded words) ----

export function parseMail(raw: string, from = '', to: string[] = []): ReceivedMail {
  const parts: { type: string; body: string }[] = [];
  const root = splitEntity(raw);
  collect(root.headers, root.body, parts);
  const headerText = Object.entries(root.headers).map(([k, v]) => `${k}: ${decodeWords(v)}`).join('\n');
  return {
    raw,
    from,
    to,
    subject: decodeWords(root.headers['subject'] ?? ''),
    messageId: root.headers['message-id'] ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.body ?? '',
    html: parts.find((p) => p.type === 'text/html')?.body ?? '',
    decoded: [headerText, ...parts.map((p) => p.body)].join('\n'),
  };
}

function splitEntity(raw: string): { headers: Record<string, string>; body: string } {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? '' : text.slice(end + 2);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function collect(headers: Record<string, string>, body: string, out: { type: string; body: string }[]): void {
  const type = headers['content-type'] ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    for (const chunk of body.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) break;
      const entity = splitEntity(chunk.replace(/^\n/, ''));
      collect(entity.headers, entity.body, out);
    }
    return;
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const decoded = encoding === 'base64'
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : body;
  out.push({ type: type.split(';')[0]!.trim().toLowerCase(), body: decoded });
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i]!;
    if (ch === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`), adjacent ones joined. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
