import type { Row, SqlExecutor } from './driver/types.ts';
import { orderRecordOf, returningOrder, type OrderRecord } from './job-orders.ts';
import type { PlacementScope } from '../domain/access.ts';
import type { PlacementRecord, StoredCandidate } from '../domain/placement-rules.ts';
import type { Cv } from '../contract/placements.ts';

/**
 * Takes one candidate slot on an order, only while it is open and below its maximum (R3.5,
 * R2.4.5). The check and the increment are one statement, so two jobcenters placing at the same
 * moment can never both take the last slot. Returns the order as changed, null when it refused.
 */
export async function takeCandidateSlot(tx: SqlExecutor, jobOrderId: number, at: string): Promise<OrderRecord | null> {
  // One row at most (by id), in one step: see insertJobOrder.
  const row = await tx.queryOne(
    `UPDATE job_orders SET candidate_count = candidate_count + 1, updated_at = ?, version = version + 1
      WHERE id = ? AND status = 'open' AND (max_candidates IS NULL OR candidate_count < max_candidates)
      ${returningOrder}`,
    [at, jobOrderId],
  );
  return row ? orderRecordOf(row) : null;
}

export async function insertPlacement(
  tx: SqlExecutor,
  placement: { jobOrderId: number; jobcenterId: string; placedByName: string; candidate: StoredCandidate; description: string; at: string },
): Promise<PlacementRecord> {
  const c = placement.candidate;
  // The row as `findPlacement` reads it, from the INSERT itself.
  const row = await tx.queryOne(
    `INSERT INTO placements (job_order_id, jobcenter_id, placed_by_name, candidate_name, birth_year, address_protected,
       address_street, address_postal_code, address_city, cv_searchable, cv_json, website, email, phone, description, placed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     RETURNING *`,
    [
      placement.jobOrderId,
      placement.jobcenterId,
      placement.placedByName,
      c.name,
      c.birthYear,
      c.addressProtected ? 1 : 0,
      // Belt and braces: the rule already dropped a protected address; the row never holds one.
      c.addressProtected ? null : (c.address?.street ?? null),
      c.addressProtected ? null : (c.address?.postalCode ?? null),
      c.addressProtected ? null : (c.address?.city ?? null),
      c.cvSearchable ? 1 : 0,
      c.cv ? JSON.stringify(c.cv) : null,
      c.website,
      c.email,
      c.phone,
      placement.description,
      placement.at,
    ],
  );
  if (!row) throw new Error('insert returned no row');
  return toRecord(row);
}

/**
 * Marks a placement withdrawn and gives its slot back. Compare-and-set on `withdrawn_at`, so
 * two withdrawals of one candidate count down once; returns false when it was already withdrawn.
 */
export async function withdrawPlacement(
  tx: SqlExecutor,
  placement: { id: number; jobOrderId: number },
  reason: string | null,
  at: string,
): Promise<boolean> {
  const result = await tx.run('UPDATE placements SET withdrawn_at = ?, withdraw_reason = ? WHERE id = ? AND withdrawn_at IS NULL', [
    at,
    reason,
    placement.id,
  ]);
  if (result.changes !== 1) return false;
  await tx.run(
    'UPDATE job_orders SET candidate_count = MAX(candidate_count - 1, 0), updated_at = ?, version = version + 1 WHERE id = ?',
    [at, placement.jobOrderId],
  );
  return true;
}

/**
 * Records a candidate's outcome, replacing any earlier one; only while the candidate is placed
 * (the condition is in the UPDATE, so a withdrawal racing it wins or loses whole). False when withdrawn.
 */
export async function recordOutcome(
  tx: SqlExecutor,
  placementId: number,
  outcome: NonNullable<PlacementRecord['outcome']>,
): Promise<boolean> {
  const result = await tx.run(
    'UPDATE placements SET outcome = ?, outcome_start_date = ?, outcome_reason = ?, outcome_at = ? WHERE id = ? AND withdrawn_at IS NULL',
    [outcome.outcome, outcome.startDate, outcome.reason, outcome.at, placementId],
  );
  return result.changes === 1;
}

/** One page of an order's placements the scope may read, oldest first, after `afterId`. */
export async function listPlacements(
  db: SqlExecutor,
  jobOrderId: number,
  scope: PlacementScope,
  page: { afterId: number; limit: number },
): Promise<PlacementRecord[]> {
  const rows = 'jobcenterId' in scope
    ? await db.query('SELECT * FROM placements WHERE job_order_id = ? AND jobcenter_id = ? AND id > ? ORDER BY id LIMIT ?', [
        jobOrderId, scope.jobcenterId, page.afterId, page.limit,
      ])
    : await db.query('SELECT * FROM placements WHERE job_order_id = ? AND id > ? ORDER BY id LIMIT ?', [jobOrderId, page.afterId, page.limit]);
  return rows.map(toRecord);
}

export async function findPlacement(db: SqlExecutor, jobOrderId: number, id: number, scope: PlacementScope): Promise<PlacementRecord | null> {
  const rows = 'jobcenterId' in scope
    ? await db.query('SELECT * FROM placements WHERE id = ? AND job_order_id = ? AND jobcenter_id = ?', [id, jobOrderId, scope.jobcenterId])
    : await db.query('SELECT * FROM placements WHERE id = ? AND job_order_id = ?', [id, jobOrderId]);
  return rows[0] ? toRecord(rows[0]) : null;
}

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));

function toRecord(r: Row): PlacementRecord {
  const street = str(r.address_street);
  return {
    id: Number(r.id),
    jobOrderId: Number(r.job_order_id),
    jobcenterId: String(r.jobcenter_id),
    placedByName: String(r.placed_by_name),
    candidate: {
      name: String(r.candidate_name),
      birthYear: Number(r.birth_year),
      addressProtected: r.address_protected === 1,
      address: street === null ? null : { street, postalCode: String(r.address_postal_code), city: String(r.address_city) },
      cvSearchable: r.cv_searchable === 1,
      cv: r.cv_json === null ? null : (JSON.parse(String(r.cv_json)) as Cv),
      website: str(r.website),
      email: str(r.email),
      phone: str(r.phone),
    },
    description: String(r.description),
    placedAt: String(r.placed_at),
    withdrawnAt: str(r.withdrawn_at),
    outcome: r.outcome === null || r.outcome === undefined
      ? null
      : {
          outcome: r.outcome as NonNullable<PlacementRecord['outcome']>['outcome'],
          startDate: str(r.outcome_start_date),
          reason: str(r.outcome_reason) as NonNullable<PlacementRecord['outcome']>['reason'],
          at: String(r.outcome_at),
        },
  };
}
