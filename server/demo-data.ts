import type { Database, SqlExecutor } from './db/client.ts';
import { hashApiKey } from './auth.ts';
import { occupations } from './reference/index.ts';

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
    if ((await tx.query('SELECT 1 FROM companies LIMIT 1')).length > 0) return false;
    for (const company of demoCompanies) {
      await tx.run('INSERT INTO companies (id, cvr, name) VALUES (?, ?, ?)', [company.id, company.cvr, company.name]);
      for (const w of company.workplaces) {
        await tx.run(
          'INSERT INTO workplaces (p_number, company_id, name, street, postal_code, city, municipality_code) VALUES (?, ?, ?, ?, ?, ?, ?)',
          [w.pNumber, company.id, w.name, w.street, w.postalCode, w.city, w.municipalityCode],
        );
      }
      for (const p of company.contactPersons) {
        await tx.run('INSERT INTO contact_persons (id, company_id, workplace_p_number, name, email, phone) VALUES (?, ?, ?, ?, ?, ?)', [
          p.id, company.id, p.workplace, p.name, p.email, p.phone,
        ]);
      }
      await insertKey(tx, company.key, `Demo key for ${company.name}`, { companyId: company.id }, at);
    }
    for (const id of signedUpDemoJobcenters) await tx.run('UPDATE jobcenters SET signed_up = 1 WHERE id = ?', [id]);
    await insertKey(tx, demoKeys.jobcenter101, 'Demo key for Jobcenter København', { jobcenterId: '101' }, at);
    await insertKey(tx, demoKeys.jobcenter751, 'Demo key for Jobcenter Aarhus', { jobcenterId: '751' }, at);
    return true;
  });
}

async function insertKey(tx: SqlExecutor, key: string, label: string, owner: { companyId: number } | { jobcenterId: string }, at: string) {
  await tx.run('INSERT INTO api_keys (key_hash, label, company_id, jobcenter_id, created_at) VALUES (?, ?, ?, ?, ?)', [
    hashApiKey(key),
    label,
    'companyId' in owner ? owner.companyId : null,
    'jobcenterId' in owner ? owner.jobcenterId : null,
    at,
  ]);
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
  // One order temporarily inactive and one closed, with the company's notes (R3.5, R7.5).
  const status = (id: number, body: object) =>
    request(`/v1/job-orders/${id}/status`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  await status(ids[1]!, { status: 'inactive', note: 'Vi har nok kandidater til januar; vi melder tilbage.' });
  await status(ids[2]!, { status: 'closed', note: 'Stillingen er besat. Tak for hjælpen!' });
  return ids;
}
