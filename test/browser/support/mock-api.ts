// msw in the test page: a made-up API origin with fixtures shaped by the SDK's types, so the
// widgets can be driven through every answer the API may give (and the network failing).
import { http, HttpResponse, type HttpHandler } from 'msw';
import { setupWorker } from 'msw/browser';
import {
  addDays,
  todayInCopenhagen,
  type FieldError,
  type JobOrder,
  type JobOrderPage,
  type Jobcenter,
  type LogEntry,
  type Placement,
  type PlacementStats,
  type Me,
  type Occupation,
  type Problem,
  type ProblemSlug,
} from '../../../sdk/index.ts';

export const apiBase = 'https://api.example';
export const api = (path: string) => `${apiBase}${path}`;

export const me: Me = {
  role: 'employer',
  authenticatedAs: 'contactPerson',
  contactPerson: { id: 1, name: 'Mette Hansen', email: 'mette.hansen@nordlys.example', phone: '+45 20 30 40 50', workplacePNumber: '1003456781' },
  company: {
    cvr: '31415926',
    name: 'Nordlys Køkken ApS',
    workplaces: [
      { pNumber: '1003456781', name: 'Nordlys Køkken Vesterbro', street: 'Vesterbrogade 12', postalCode: '1620', city: 'København V', municipalityCode: '101', localJobcenterId: '101' },
      { pNumber: '1003456782', name: 'Nordlys Køkken Vejle', street: 'Havnegade 3', postalCode: '7100', city: 'Vejle', municipalityCode: '630', localJobcenterId: '630' },
    ],
    contactPersons: [
      { id: 1, name: 'Mette Hansen', email: 'mette.hansen@nordlys.example', phone: '+45 20 30 40 50', workplacePNumber: '1003456781' },
      { id: 2, name: 'Jonas Østergaard', email: 'jonas.ostergaard@nordlys.example', phone: null, workplacePNumber: '1003456782' },
    ],
  },
};

export const jobcenters: Jobcenter[] = [
  { id: '751', name: 'Jobcenter Aarhus', municipalityCode: '751', signedUp: true },
  { id: '101', name: 'Jobcenter København', municipalityCode: '101', signedUp: true },
  { id: '630', name: 'Jobcenter Vejle', municipalityCode: '630', signedUp: false },
];

export const occupations: Occupation[] = [
  { code: '941201', title: 'Køkkenmedhjælper', discoCode: '9412' },
  { code: '512003', title: 'Køkkenchef', discoCode: '5120' },
  { code: '512010', title: 'Kok, køkkenleder', discoCode: '5120' },
  { code: '933302', title: 'Lagermedarbejder', discoCode: '9333' },
];

/** Today in Copenhagen (R8.1), by the same rule as the widgets and the server. */
export function isoToday(): string {
  return todayInCopenhagen();
}

export function isoInDays(days: number): string {
  return addDays(isoToday(), days);
}

export function order(id: number, changes: Partial<JobOrder> = {}): JobOrder {
  return {
    id,
    version: 1,
    status: 'open',
    createdAt: '2026-11-20T09:00:00.000Z',
    updatedAt: '2026-11-27T09:30:00.000Z',
    occupation: { code: '941201', title: 'Køkkenmedhjælper' },
    responsibleJobcenter: { id: '101', name: 'Jobcenter København' },
    company: { cvr: '31415926', name: 'Nordlys Køkken ApS' },
    description: 'Opvask og klargøring.',
    positions: 2,
    emailOnPlacement: true,
    longTerm: false,
    startDate: isoInDays(7),
    durationDays: 60,
    responseDeadline: isoInDays(5),
    maxCandidates: 6,
    workingTime: 'part_time',
    weeklyHours: 25,
    workingHoursCondition: 'evening',
    responseMethod: 'cvs_sent',
    workplace: { pNumber: '1003456781', name: 'Nordlys Køkken Vesterbro', street: 'Vesterbrogade 12', floor: null, door: null, postalCode: '1620', city: 'København V' },
    contact: { contactPersonId: 1, name: 'Mette Hansen', email: 'mette.hansen@nordlys.example', phone: '+45 20 30 40 50' },
    coordinator: null,
    candidateCount: 0,
    latestNote: null,
    createdBy: { kind: 'company', name: 'Nordlys Køkken ApS' },
    closeReason: null,
    // A caller who may do everything; a test of a narrower caller says which actions it has.
    actions: ['edit', 'changeStatus', 'copy', 'appointCoordinator', 'note', 'place'],
    ...changes,
  };
}

/**
 * A problem+json answer. Field codes are plain strings here, so a test can also play a newer
 * server sending a code this version of the widgets does not know.
 */
export function problem(
  status: number,
  slug: ProblemSlug,
  detail: string,
  errors?: (Omit<FieldError, 'code'> & { code: FieldError['code'] | (string & {}) })[],
): HttpResponse<Problem> {
  const body: Problem = { type: `/problems/${slug}`, title: slug, status, detail };
  if (errors) body.errors = errors as FieldError[];
  return HttpResponse.json(body, { status, headers: { 'content-type': 'application/problem+json' } });
}

export function logEntry(id: number, changes: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    orderId: 1,
    orderVersion: id,
    at: '2026-11-27T10:00:00.000Z',
    actor: { kind: 'company', name: 'Nordlys Køkken ApS', person: 'Mette Hansen' },
    action: 'created',
    // As the server writes a created entry: the widget words it (R4.3), in the language in use.
    description: '',
    status: null,
    placementId: null,
    outcome: null,
    closeReason: null,
    copyOf: null,
    ...changes,
  };
}

export function placement(id: number, changes: Partial<Placement> = {}): Placement {
  return {
    id,
    jobOrderId: 1,
    name: 'Mira Jensen',
    birthYear: 1996,
    address: { street: 'Jagtvej 10', postalCode: '2200', city: 'København N' },
    website: null,
    email: null,
    phone: '+45 30 12 34 56',
    description: 'Mira har erfaring fra kantine.',
    placedBy: { id: '101', name: 'Jobcenter København' },
    placedAt: '2026-11-27T11:00:00.000Z',
    withdrawnAt: null,
    outcome: null,
    // The placing jobcenter withdraws, the company records the outcome; a withdrawn candidate takes neither.
    actions: changes.withdrawnAt ? [] : ['withdraw', 'recordOutcome'],
    ...changes,
  };
}

/** The open `/v1/events` streams of the page; `pushEvent` sends a journal entry down each. */
const streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
/** Every `/v1/events` request, with its headers (Last-Event-ID, Authorization). */
export const eventRequests: Request[] = [];

export function pushEvent(entry: LogEntry): void {
  const chunk = new TextEncoder().encode(`id: ${entry.id}\nevent: ${entry.action}\ndata: ${JSON.stringify(entry)}\n\n`);
  for (const controller of streams) {
    try {
      controller.enqueue(chunk);
    } catch {
      streams.delete(controller);
    }
  }
}

/** Sends `event: reset` down each open stream, as the server does to a reader too far behind to replay to. */
export function pushReset(id: number): void {
  const chunk = new TextEncoder().encode(`id: ${id}\nevent: reset\ndata: ${JSON.stringify({ lastEventId: String(id) })}\n\n`);
  for (const controller of streams) controller.enqueue(chunk);
}

/** Ends every open stream, as the server does after ten minutes: the reader reconnects. */
export function endStreams(): void {
  for (const controller of streams) {
    try {
      controller.close();
    } catch {
      // already closed
    }
  }
  streams.clear();
}

export const openStreams = () => streams.size;

function eventStream(request: Request): HttpResponse<ReadableStream> {
  eventRequests.push(request);
  let mine: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      mine = controller;
      streams.add(controller);
      controller.enqueue(new TextEncoder().encode(': open\n\n'));
    },
    cancel() {
      streams.delete(mine);
    },
  });
  return new HttpResponse(body, { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' } });
}

/** The happy API: employer A's view of things. */
/** A jobcenter's numbers before it placed anyone. */
export const noStats: PlacementStats = {
  jobcenter: { id: '101', name: 'Jobcenter København' },
  totals: { orders: 0, positions: 0, placements: 0, hires: 0, averageDaysToFirstPlacement: null, fillRatePercent: null },
  items: [],
  nextCursor: null,
};

export function defaultHandlers(): HttpHandler[] {
  return [
    http.get(api('/v1/me'), () => HttpResponse.json(me)),
    http.get(api('/v1/jobcenters'), () => HttpResponse.json({ items: jobcenters, nextCursor: null })),
    http.get(api('/v1/occupations'), ({ request }) => {
      const q = (new URL(request.url).searchParams.get('q') ?? '').toLocaleLowerCase('da');
      return HttpResponse.json({ items: occupations.filter((o) => o.title.toLocaleLowerCase('da').includes(q)), nextCursor: null });
    }),
    http.get(api('/v1/job-orders'), () => HttpResponse.json<JobOrderPage>({ items: [order(2), order(1)], nextCursor: null })),
    http.get(api('/v1/job-orders/:id'), ({ params }) => HttpResponse.json(order(Number(params.id)), { headers: { etag: '"1"' } })),
    http.get(api('/v1/job-orders/:id/log'), ({ params }) => HttpResponse.json({ items: [logEntry(1, { orderId: Number(params.id) })], nextCursor: null })),
    http.get(api('/v1/job-orders/:id/placements'), () => HttpResponse.json({ items: [], nextCursor: null })),
    http.get(api('/v1/events'), ({ request }) => eventStream(request)),
    http.get(api('/v1/placement-stats'), () => HttpResponse.json(noStats)),
    // The made-up API is never "up" for the elements' CORS probe: a failed request stays a network failure.
    http.get(api('/healthz'), () => HttpResponse.error()),
  ];
}

export const worker = setupWorker(...defaultHandlers());

/** Starts msw once per test file; requests to anything but the made-up API pass through. */
export async function startMocks(): Promise<void> {
  await worker.start({
    quiet: true,
    serviceWorker: { url: '/mockServiceWorker.js' },
    onUnhandledRequest: (request, print) => {
      if (request.url.startsWith(apiBase)) print.error();
    },
  });
}

/** A getToken that counts its calls, as a host page would pass it. */
export function tokens(): { getToken: (options?: { refresh?: boolean }) => Promise<string>; calls: { refresh?: boolean }[] } {
  const calls: { refresh?: boolean }[] = [];
  return {
    calls,
    getToken: async (options = {}) => {
      calls.push(options);
      return `token-${calls.length}`;
    },
  };
}
