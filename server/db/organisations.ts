import type { SqlExecutor } from './driver/types.ts';
import type { ContactPerson, Workplace } from '../contract/identity.ts';
import type { Jobcenter } from '../contract/reference.ts';

export interface Company { id: number; cvr: string; name: string; workplaces: Workplace[]; contactPersons: ContactPerson[] }

export async function findCompany(db: SqlExecutor, companyId: number): Promise<Company | null> {
  const [companies, workplaces, people] = await Promise.all([
    db.query('SELECT id, cvr, name FROM companies WHERE id = ?', [companyId]),
    db.query('SELECT * FROM workplaces WHERE company_id = ? ORDER BY p_number', [companyId]),
    db.query('SELECT * FROM contact_persons WHERE company_id = ? ORDER BY id', [companyId]),
  ]);
  const company = companies[0];
  if (!company) return null;
  return {
    id: Number(company.id),
    cvr: String(company.cvr),
    name: String(company.name),
    workplaces: workplaces.map((w) => ({
      pNumber: String(w.p_number),
      name: String(w.name),
      street: String(w.street),
      postalCode: String(w.postal_code),
      city: String(w.city),
      municipalityCode: String(w.municipality_code),
      localJobcenterId: String(w.municipality_code),
    })),
    contactPersons: people.map((p) => ({
      id: Number(p.id),
      name: String(p.name),
      email: String(p.email),
      phone: p.phone === null ? null : String(p.phone),
      workplacePNumber: p.workplace_p_number === null ? null : String(p.workplace_p_number),
    })),
  };
}

export async function listJobcenters(db: SqlExecutor, signedUp?: boolean): Promise<Jobcenter[]> {
  const rows = await db.query(
    `SELECT id, name, municipality_code, signed_up FROM jobcenters ${signedUp === undefined ? '' : 'WHERE signed_up = ?'} ORDER BY name`,
    signedUp === undefined ? [] : [signedUp ? 1 : 0],
  );
  return rows.map(toJobcenter);
}

export async function findJobcenter(db: SqlExecutor, id: string): Promise<Jobcenter | null> {
  const rows = await db.query('SELECT id, name, municipality_code, signed_up FROM jobcenters WHERE id = ?', [id]);
  return rows[0] ? toJobcenter(rows[0]) : null;
}

function toJobcenter(r: Record<string, unknown>): Jobcenter {
  return { id: String(r.id), name: String(r.name), municipalityCode: String(r.municipality_code), signedUp: r.signed_up === 1 };
}

/** A company by its CVR number, for a jobcenter creating an order on its behalf (R1.7). */
export async function findCompanyByCvr(db: SqlExecutor, cvr: string): Promise<Company | null> {
  const rows = await db.query('SELECT id FROM companies WHERE cvr = ?', [cvr]);
  return rows[0] ? findCompany(db, Number(rows[0].id)) : null;
}

/** True once any company exists: the database is not empty. */
export async function hasCompanies(db: SqlExecutor): Promise<boolean> {
  return (await db.query('SELECT 1 FROM companies LIMIT 1')).length > 0;
}

/** Stores a company with its workplaces and contact persons (onboarding, demo data); returns its id. */
export async function insertCompany(
  tx: SqlExecutor,
  company: {
    /** Given for demo data; assigned by the database when left out. */
    id?: number;
    cvr: string;
    name: string;
    workplaces: readonly Omit<Workplace, 'localJobcenterId'>[];
    contactPersons: readonly { id?: number; name: string; email: string; phone: string | null; workplace: string | null }[];
  },
): Promise<number> {
  const inserted = await tx.run('INSERT INTO companies (id, cvr, name) VALUES (?, ?, ?)', [company.id ?? null, company.cvr, company.name]);
  const companyId = company.id ?? inserted.lastInsertId!;
  for (const w of company.workplaces) {
    await tx.run(
      'INSERT INTO workplaces (p_number, company_id, name, street, postal_code, city, municipality_code) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [w.pNumber, companyId, w.name, w.street, w.postalCode, w.city, w.municipalityCode],
    );
  }
  for (const p of company.contactPersons) {
    await tx.run('INSERT INTO contact_persons (id, company_id, workplace_p_number, name, email, phone) VALUES (?, ?, ?, ?, ?, ?)', [
      p.id ?? null, companyId, p.workplace, p.name, p.email, p.phone,
    ]);
  }
  return companyId;
}

export async function setJobcenterSignedUp(tx: SqlExecutor, id: string, signedUp: boolean): Promise<void> {
  await tx.run('UPDATE jobcenters SET signed_up = ? WHERE id = ?', [signedUp ? 1 : 0, id]);
}
