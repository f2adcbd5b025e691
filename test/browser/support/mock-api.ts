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

/** The happy API: employer A's view of things. */
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
