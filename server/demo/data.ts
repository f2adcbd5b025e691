import type { Database } from '../db/driver/types.ts';
import { insertApiKey } from '../db/credentials.ts';
import { hasCompanies, insertCompany, setJobcenterSignedUp } from '../db/organisations.ts';
import { hashApiKey } from '../auth/index.ts';
import { occupations } from '../reference/index.ts';

function codeOf(title: string): string {
  const found = occupations.find((o) => o.title.toLowerCase() === title.toLowerCase());
  if (!found) throw new Error(`demo data: no occupation titled ${title}`);
  return found.code;
}

/** The demo API keys README lists; they exist only in demo mode, never in production. */
export const demoKeys = {
  employerA: 'demo_employer_a',
  employerB: 'demo_employer_b',
  jobcenter101: 'demo_jobcenter_101',
  jobcenter751: 'demo_jobcenter_751',
} as const;

/** Two companies, their workplaces and people, and which jobcenters have signed up. */
export const demoCompanies = [
  {
    id: 1,
    cvr: '31415926',
    name: 'Nordlys Køkken ApS',
    workplaces: [
      { pNumber: '1003456781', name: 'Nordlys Køkken Vesterbro', street: 'Vesterbrogade 12', postalCode: '1620', city: 'København V', municipalityCode: '101' },
      { pNumber: '1003456782', name: 'Nordlys Køkken Aarhus', street: 'Mejlgade 40', postalCode: '8000', city: 'Aarhus C', municipalityCode: '751' },
    ],
    contactPersons: [
      { id: 1, name: 'Mette Hansen', email: 'mette.hansen@nordlys.example', phone: '+45 20 30 40 50', workplace: '1003456781' },
      { id: 2, name: 'Jonas Østergaard', email: 'jonas.ostergaard@nordlys.example', phone: '+45 21 31 41 51', workplace: '1003456782' },
    ],
    key: demoKeys.employerA,
  },
  {
    id: 2,
    cvr: '27182828',
    name: 'Havnens Lager A/S',
    workplaces: [
      { pNumber: '1009876541', name: 'Havnens Lager', street: 'Havnegade 3', postalCode: '7100', city: 'Vejle', municipalityCode: '630' },
    ],
    contactPersons: [{ id: 3, name: 'Søren Ågesen', email: 'soren.agesen@havnenslager.example', phone: '+45 22 32 42 52', workplace: '1009876541' }],
    key: demoKeys.employerB,
  },
] as const;

export const signedUpDemoJobcenters = ['101', '751'] as const;

/** Loads the demo organisations into an empty database; returns false when data was already there. */
export async function loadDemoData(db: Database, now: Date): Promise<boolean> {
  const at = now.toISOString();
  // Checked inside the write transaction: of two servers starting at once on an empty database,
  // exactly one loads the demo data.
  return db.transaction(async (tx) => {
    if (await hasCompanies(tx)) return false;
    for (const company of demoCompanies) {
      await insertCompany(tx, company);
      await insertApiKey(tx, { hash: hashApiKey(company.key), label: `Demo key for ${company.name}`, owner: { companyId: company.id } }, at);
    }
    for (const id of signedUpDemoJobcenters) await setJobcenterSignedUp(tx, id, true);
    await insertApiKey(tx, { hash: hashApiKey(demoKeys.jobcenter101), label: 'Demo key for Jobcenter København', owner: { jobcenterId: '101' } }, at);
    await insertApiKey(tx, { hash: hashApiKey(demoKeys.jobcenter751), label: 'Demo key for Jobcenter Aarhus', owner: { jobcenterId: '751' } }, at);
    return true;
  });
}

type Request = (path: string, init: RequestInit) => Response | Promise<Response>;

/**
 * A few orders created through the API itself, so demo data obeys every rule the API enforces.
 * The jobcenter side adds placements and notes to them (see `seedDemoPlacements`).
 */
export async function loadDemoOrders(request: Request, today: string): Promise<number[]> {
  const inDays = (days: number) => {
    const d = new Date(`${today}T12:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  const a = demoCompanies[0];
  const [vesterbro, aarhus] = a.workplaces;
  const [mette, jonas] = a.contactPersons;
  const orders = [
    {
      key: a.key,
      body: {
        occupationCode: codeOf('Køkkenmedhjælper'), responsibleJobcenterId: '101', positions: 2,
        description: 'Opvask, klargøring af grøntsager og rengøring i et travlt restaurantkøkken. Erfaring er et plus, men ikke et krav.',
        startDate: inDays(7), durationDays: 60, responseDeadline: inDays(5), maxCandidates: 6, workingTime: 'part_time', weeklyHours: 25,
        workingHoursCondition: 'evening', responseMethod: 'cvs_sent',
        workplace: { pNumber: vesterbro.pNumber, name: vesterbro.name, street: vesterbro.street, postalCode: vesterbro.postalCode, city: vesterbro.city },
        contact: { contactPersonId: mette.id, name: mette.name, email: mette.email, phone: mette.phone },
      },
    },
    {
      key: a.key,
      body: {
        occupationCode: codeOf('Kok'), responsibleJobcenterId: '751', positions: 1, longTerm: true,
        description: 'Kok til frokost- og aftenservice; vi har et løbende behov for dygtige kokke.',
        workingTime: 'full_time', workingHoursCondition: 'shifting', responseMethod: 'candidate_applies',
        workplace: { pNumber: aarhus.pNumber, name: aarhus.name, street: aarhus.street, postalCode: aarhus.postalCode, city: aarhus.city, floor: '1', door: 'th' },
        contact: { contactPersonId: jonas.id, name: jonas.name, email: jonas.email, phone: jonas.phone },
      },
    },
    {
      key: a.key,
      body: {
        occupationCode: codeOf('Køkkenchef'), responsibleJobcenterId: '101', positions: 1,
        description: 'Køkkenchef til vores nye køkken på Vesterbro: menuplanlægning, indkøb og ledelse af seks medarbejdere.',
        startDate: inDays(30), responseDeadline: inDays(14), maxCandidates: 3, workingTime: 'full_time', responseMethod: 'jobcenter_calls',
        workplace: { pNumber: vesterbro.pNumber, name: vesterbro.name, street: vesterbro.street, postalCode: vesterbro.postalCode, city: vesterbro.city },
        contact: { contactPersonId: mette.id, name: mette.name, email: mette.email, phone: mette.phone },
      },
    },
    {
      key: demoCompanies[1].key,
      body: {
        occupationCode: codeOf('Lagermedarbejder'), responsibleJobcenterId: '751', positions: 4,
        description: 'Lagermedarbejdere til pakning og forsendelse i højsæsonen.',
        startDate: inDays(3), durationDays: 40, workingTime: 'full_time', workingHoursCondition: 'day',
        workplace: { ...demoCompanies[1].workplaces[0] },
        contact: { contactPersonId: 3, name: 'Søren Ågesen', email: 'soren.agesen@havnenslager.example', phone: '+45 22 32 42 52' },
      },
    },
  ];
  const ids: number[] = [];
  for (const order of orders) {
    const { municipalityCode: _m, ...workplace } = order.body.workplace as Record<string, string>;
    const res = await request('/v1/job-orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${order.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...order.body, workplace }),
    });
    if (res.status !== 201) throw new Error(`demo order refused: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: number }).id);
  }
  // Placements come before the status changes: only an open order takes candidates (R3.5).
  await loadDemoPlacements(request, ids);
  // One order temporarily inactive and one closed, with the company's notes (R3.5, R7.5).
  const status = (id: number, body: object) =>
    request(`/v1/job-orders/${id}/status`, {
      method: 'POST',
      // An API key names the version it changes (428 without); `*`: whichever is current.
      headers: { authorization: `Bearer ${a.key}`, 'content-type': 'application/json', 'if-match': '*' },
      body: JSON.stringify(body),
    });
  await status(ids[1]!, { status: 'inactive', note: 'Vi har nok kandidater til januar; vi melder tilbage.' });
  await status(ids[2]!, { status: 'closed', note: 'Stillingen er besat. Tak for hjælpen!' });
  return ids;
}

/**
 * The jobcenter side of the demo orders: tovholders, placements of every kind (a
 * searchable CV, an address-protected person, a candidate without a CV), a withdrawal, notes,
 * and an order a jobcenter created for a company after a phone call (R1.7).
 */
export async function loadDemoPlacements(request: Request, ids: number[]): Promise<void> {
  const [kitchenHelper, cook, chef, warehouse] = ids as [number, number, number, number];
  const call = async (key: string, method: string, path: string, body: object) => {
    const res = await request(path, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status >= 300) throw new Error(`demo ${method} ${path} refused: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: number };
  };
  const kk = demoKeys.jobcenter101;
  const aarhus = demoKeys.jobcenter751;
  const place = (key: string, order: number, candidate: object, description: string) =>
    call(key, 'POST', `/v1/job-orders/${order}/placements`, { candidate, description });

  await call(kk, 'PUT', `/v1/job-orders/${kitchenHelper}/coordinator`, { name: 'Lone Kristensen', email: 'lone.kristensen@jobcenter-kbh.example', phone: '+45 33 66 33 66' });
  await place(kk, kitchenHelper, {
    name: 'Amir Haddad', birthYear: 1994, addressProtected: false,
    address: { street: 'Nørrebrogade 101', postalCode: '2200', city: 'København N' },
    cvSearchable: true,
    cv: {
      headline: 'Køkkenmedhjælper med fem års erfaring fra travle restauranter',
      summary: 'Stabil og hurtig; vant til aftenservice, opvask og klargøring af grønt.',
      experience: [
        { title: 'Køkkenmedhjælper', employer: 'Café Nord', from: '2021-03', to: null, description: 'Opvask, klargøring og rengøring.' },
        { title: 'Opvasker', employer: 'Hotel Øresund', from: '2019-01', to: '2021-02' },
      ],
      education: [{ title: 'Hygiejnebevis', institution: 'AMU Hovedstaden', year: 2019 }],
      skills: ['Opvask', 'Klargøring', 'Hygiejne', 'Dansk og arabisk'],
    },
    phone: '+45 31 22 44 55',
  }, 'Amir har søgt netop denne type job og kan starte med det samme.');
  await place(aarhus, kitchenHelper, {
    // Address protection: the address is sent but dropped on arrival; the company never sees it.
    name: 'Sara Nielsen', birthYear: 1989, addressProtected: true,
    address: { street: 'Skjoldsvej 4', postalCode: '8000', city: 'Aarhus C' },
    cvSearchable: false, phone: '+45 40 11 22 33',
  }, 'Sara har erfaring fra storkøkken og kan arbejde om aftenen. Hun flytter til København i december.');
  await place(kk, kitchenHelper, {
    // No CV: the jobcenter forwards contact details instead (R5.2).
    name: 'Peter Madsen', birthYear: 1971, addressProtected: false,
    address: { street: 'Amagerbrogade 200', postalCode: '2300', city: 'København S' },
    cvSearchable: false, email: 'peter.madsen@post.example', phone: '+45 26 55 77 88',
  }, 'Peter har ikke et CV på Jobnet, men mange års erfaring fra kantiner. Ring gerne direkte.');
  const withdrawn = await place(kk, kitchenHelper, {
    name: 'Jonas Berg', birthYear: 2001, addressProtected: false,
    address: { street: 'Istedgade 50', postalCode: '1650', city: 'København V' },
    cvSearchable: false, website: 'https://jonasberg.example',
  }, 'Jonas er ny i faget, men meget motiveret.');
  await call(kk, 'POST', `/v1/job-orders/${kitchenHelper}/placements/${withdrawn.id}/withdraw`, { reason: 'Jonas har fået andet arbejde.' });
  await call(kk, 'POST', `/v1/job-orders/${kitchenHelper}/notes`, { text: 'Vi har screenet fem kandidater og sendt de tre bedste. Flere følger i næste uge.' });

  await call(aarhus, 'PUT', `/v1/job-orders/${cook}/coordinator`, { name: 'Mads Holm', email: 'mads.holm@jobcenter-aarhus.example' });
  await place(aarhus, cook, {
    name: 'Fatima Ali', birthYear: 1985, addressProtected: false,
    address: { street: 'Frederiks Allé 30', postalCode: '8000', city: 'Aarhus C' },
    cvSearchable: true,
    cv: {
      headline: 'Uddannet kok med erfaring fra frokost og à la carte',
      summary: 'Tolv år i faget, heraf fire som souschef.',
      experience: [{ title: 'Souschef', employer: 'Restaurant Åen', from: '2020-08', to: null }],
      education: [{ title: 'Kokkeuddannelsen', institution: 'Aarhus Tech', year: 2012 }],
      skills: ['À la carte', 'Menuplanlægning', 'Personaleledelse'],
    },
    email: 'fatima.ali@post.example',
  }, 'Fatima ønsker fast arbejde med skiftende vagter.');
  await call(aarhus, 'POST', `/v1/job-orders/${cook}/notes`, { text: 'Vi leder efter flere kokke og vender tilbage, når ordren er aktiv igen.' });

  await place(kk, chef, {
    name: 'Henrik Lund', birthYear: 1978, addressProtected: false,
    address: { street: 'Gammel Kongevej 88', postalCode: '1850', city: 'Frederiksberg C' },
    cvSearchable: true,
    cv: { headline: 'Køkkenchef', summary: 'Har ledet køkkener med op til ti medarbejdere.', experience: [], education: [], skills: ['Ledelse', 'Indkøb'] },
  }, 'Henrik har tidligere drevet sin egen restaurant.');

  await call(aarhus, 'PUT', `/v1/job-orders/${warehouse}/coordinator`, { name: 'Mads Holm', phone: '+45 87 13 00 00' });
  await place(kk, warehouse, {
    name: 'Mikkel Sørensen', birthYear: 1999, addressProtected: false, cvSearchable: false,
    website: 'https://mikkel-sorensen.example', phone: '+45 22 44 66 88',
  }, 'Mikkel har truckcertifikat og kan pendle til Vejle.');

  // R1.7: Havnens Lager rang Jobcenter Aarhus, which created this order for them.
  const [lager] = demoCompanies[1].workplaces;
  await call(aarhus, 'POST', '/v1/job-orders', {
    companyCvr: demoCompanies[1].cvr,
    occupationCode: codeOf('Truckfører'), responsibleJobcenterId: '751', positions: 1, longTerm: true,
    description: 'Truckfører til lageret; aftalt telefonisk med Søren Ågesen.',
    workingTime: 'full_time', workingHoursCondition: 'day',
    workplace: { pNumber: lager.pNumber, name: lager.name, street: lager.street, postalCode: lager.postalCode, city: lager.city },
    contact: { contactPersonId: 3, name: 'Søren Ågesen', email: 'soren.agesen@havnenslager.example', phone: '+45 22 32 42 52' },
  });
}
