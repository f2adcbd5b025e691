// What Node's HTTP parser refuses before the app sees a request (a URL or headers over
// `maxHeaderSize`, 16 KB by default; a malformed request line or header; a request that took too
// long to arrive) is answered as the app answers everything else: an RFC 9457 problem, not
// Node's bare status line.
import type { Duplex } from 'node:stream';

interface Refusal {
  status: number;
  reason: string;
  type: string;
  title: string;
  detail: string;
}

function refusalOf(code: string | undefined): Refusal {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return {
      status: 431, reason: 'Request Header Fields Too Large', type: '/problems/payload-too-large', title: 'Request header fields too large',
      detail: 'The URL and headers together may be at most 16 KB; send long input in a request body.',
    };
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { status: 408, reason: 'Request Timeout', type: '/problems/unavailable', title: 'Request timeout', detail: 'The request did not arrive in time; send it again.' };
  }
  return { status: 400, reason: 'Bad Request', type: '/problems/invalid-parameters', title: 'Bad request', detail: 'The request is not well-formed HTTP/1.1.' };
}

/** A `clientError` listener for node:http servers: answers the refusal as problem+json, then closes. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // A client that went away (or a response already begun) gets nothing more.
  if (error.code === 'ECONNRESET' || !socket.writable || (socket as Duplex & { _httpMessage?: unknown })._httpMessage) {
    socket.destroy();
    return;
  }
  const refusal = refusalOf(error.code);
  const body = JSON.stringify({ type: refusal.type, title: refusal.title, status: refusal.status, detail: refusal.detail });
  socket.end(
    `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\n` +
      'Content-Type: application/problem+json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n' +
      body,
  );
}
