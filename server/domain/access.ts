// The one access policy: who may see and act on which order, placement and journal entry.
// Commands and queries call it; no route or other module decides access on its own. The lists'
// SQL (server/db/job-orders.ts, server/db/journal.ts) filters by the same scopes, and
// test/server/db/access-sql.test.ts holds each filter to its predicate here.
import { Forbidden, NotFound } from './errors.ts';
import { tenantOf, type Employer, type Jobcenter, type Principal, type Tenant } from './principal.ts';
import { placementRefusal } from './placement-rules.ts';
import type { OrderCapability } from '../contract/job-orders.ts';
import type { PlacementCapability } from '../contract/placements.ts';

/** What the policy needs to know of an order. */
export interface OrderAccessFacts {
  id: number;
  companyId: number;
  responsibleJobcenter: { id: string; name: string };
}

export type OrderAction =
  | 'read'
  | 'edit'
  | 'change_status'
  | 'appoint_coordinator'
  | 'write_note'
  | 'place_candidate'
  | 'withdraw_placement'
  | 'record_outcome';

/** Which orders a caller may list: its company's, or — for the jobcenter side — every order in the scheme (R1.4). */
export type OrderScope = { companyId: number } | { jobcenterId: string; responsibleOnly: boolean };

/** What an order scope looks at. */
export interface OrderOwnership {
  companyId: number;
  responsibleJobcenterId: string;
}

/** Which placements a caller may read: the company all of its order's, a jobcenter the ones it placed (R8.4). */
export type PlacementScope = { all: true } | { jobcenterId: string };

/** Whose journal entries a caller may read (see `journalEntryVisible`): its tenant's. */
export type JournalAudience = Tenant;

/** The journal's "who acted": the organisation and, with a widget token, the person. */
export interface Actor {
  kind: 'company' | 'jobcenter';
  /** The company's id or the jobcenter's id. */
  org: string;
  name: string;
  person: string | null;
}

export function actorOf(principal: Principal): Actor {
  return principal.kind === 'employer'
    ? { kind: 'company', org: String(principal.companyId), name: principal.companyName, person: principal.contactPersonName }
    : { kind: 'jobcenter', org: principal.jobcenterId, name: principal.jobcenterName, person: principal.caseworkerName };
}

function forbidden(code: 'not_employer' | 'not_jobcenter', message: string): Forbidden {
  return new Forbidden('forbidden', message, [{ path: 'Authorization', code, message }]);
}

const notEmployer = () => forbidden('not_employer', 'Only the company\'s own contact persons and integrations may do this.');
const notJobcenter = () =>
  forbidden('not_jobcenter', 'Only the jobcenter side may do this; a company never places, withdraws, appoints or writes jobcenter notes.');

export function requireEmployer(principal: Principal): Employer {
  if (principal.kind !== 'employer') throw notEmployer();
  return principal;
}

export function requireJobcenter(principal: Principal): Jobcenter {
  if (principal.kind !== 'jobcenter') throw notJobcenter();
  return principal;
}

/** Only an integration's API key mints widget tokens; a token cannot make more of itself. */
export function requireApiKey(principal: Principal): Principal {
  if (principal.via !== 'apiKey') throw new Forbidden('forbidden', 'Only an API key can create widget tokens; a widget token cannot.');
  return principal;
}

/**
 * Only an integration's API key manages its tenant's webhook subscriptions: a widget token acts for
 * one person in a browser and must not be able to send the tenant's events elsewhere.
 */
export function requireIntegrationKey(principal: Principal, what: string): Principal {
  if (principal.via !== 'apiKey') {
    const message = `Only an integration's API key may ${what}; a widget token may not.`;
    throw new Forbidden('forbidden', message, [{ path: 'Authorization', code: 'not_allowed', message }]);
  }
  return principal;
}

/** The jobcenter side sees and acts on orders only once its jobcenter has joined the scheme (R1.3, R1.4). */
export function requireSchemeMember(principal: Principal, what = 'see job orders'): void {
  if (principal.kind === 'jobcenter' && !principal.signedUp) throw notSignedUp(principal, what);
}

function notSignedUp(principal: Jobcenter, what: string): Forbidden {
  const message = `${principal.jobcenterName} has not signed up for job orders, so it cannot ${what}.`;
  return new Forbidden('not-signed-up', message, [{ path: 'Authorization', code: 'not_signed_up', message }]);
}

export function orderScope(principal: Principal, responsibleOnly = false): OrderScope {
  requireSchemeMember(principal);
  return principal.kind === 'employer' ? { companyId: principal.companyId } : { jobcenterId: principal.jobcenterId, responsibleOnly };
}

export function placementScope(principal: Principal): PlacementScope {
  return principal.kind === 'employer' ? { all: true } : { jobcenterId: principal.jobcenterId };
}

/** Does the scope take in this order? The predicate `orderScope`'s SQL filter keeps to. */
export function orderInScope(scope: OrderScope, order: OrderOwnership): boolean {
  if ('companyId' in scope) return scope.companyId === order.companyId;
  return !scope.responsibleOnly || scope.jobcenterId === order.responsibleJobcenterId;
}

export function journalAudience(principal: Principal): JournalAudience {
  requireSchemeMember(principal);
  return tenantOf(principal);
}

/** May this caller see the order at all? Another company's order is not found, never forbidden (R1.6). */
export function canSeeOrder(principal: Principal, order: Pick<OrderAccessFacts, 'companyId'>): boolean {
  return principal.kind === 'employer' ? principal.companyId === order.companyId : principal.signedUp;
}

/** Why the policy refuses an action, as the error to throw; made only when thrown. */
type Refusal = () => Forbidden | NotFound;

/**
 * The policy's decision on one action on one order, in the order a caller learns things: an order
 * it may not see is not found; then the wrong side is forbidden; then, for the coordinating
 * actions, a jobcenter other than the responsible one is forbidden (it sees the order anyway,
 * R1.4, so nothing is hidden). Null when the action is allowed. `authorizeOrder` throws the
 * refusal, `orderCapabilities` lists what is not refused: one decision, two uses.
 */
function refusalOf(principal: Principal, order: OrderAccessFacts, action: OrderAction): Refusal | null {
  if (principal.kind === 'jobcenter' && !principal.signedUp) return () => notSignedUp(principal, 'see job orders');
  if (!canSeeOrder(principal, order)) return () => NotFound.of(`Job order ${order.id}`);
  switch (action) {
    case 'read':
      return null;
    case 'edit':
    case 'change_status':
    case 'record_outcome': // what became of a candidate is the company's to say
      return principal.kind === 'employer' ? null : notEmployer;
    case 'place_candidate':
    case 'withdraw_placement':
      return principal.kind === 'jobcenter' ? null : notJobcenter;
    case 'appoint_coordinator':
    case 'write_note': {
      // R1.5, R5.4: the responsible jobcenter coordinates the order.
      if (principal.kind !== 'jobcenter') return notJobcenter;
      if (principal.jobcenterId === order.responsibleJobcenter.id) return null;
      return () => {
        const what = action === 'appoint_coordinator' ? 'appoint its coordinator' : 'write notes on it';
        const message = `Only ${order.responsibleJobcenter.name}, the responsible jobcenter of job order ${order.id}, may ${what}.`;
        return new Forbidden('not-responsible', message, [{ path: 'Authorization', code: 'not_responsible', message }]);
      };
    }
  }
}

/** Checks one action on one order: throws the policy's refusal (see `refusalOf`). */
export function authorizeOrder(principal: Principal, order: OrderAccessFacts, action: OrderAction): void {
  const refusal = refusalOf(principal, order, action);
  if (refusal) throw refusal();
}

/** The facts of a journal entry that decide who sees it. */
export interface JournalVisibility {
  companyId: number;
  audience: 'scheme' | 'placement';
  placingJobcenterId: string | null;
}

/**
 * Who sees a journal entry: the order's company sees all of them; every signed-up jobcenter sees
 * what happened to the order itself (R1.4); a placement, a withdrawal or an outcome — each
 * concerns a person — is seen by the company and the jobcenter that placed the candidate only (R8.4).
 */
export function journalEntryVisible(audience: JournalAudience, entry: JournalVisibility): boolean {
  if ('companyId' in audience) return audience.companyId === entry.companyId;
  return entry.audience === 'scheme' || entry.placingJobcenterId === audience.jobcenterId;
}

/** Who may see an entry of this kind (the journal stores it with the entry). */
export function audienceOfKind(kind: string): JournalVisibility['audience'] {
  // An outcome concerns a person too: the company and the placing jobcenter only.
  return kind === 'placement' || kind === 'withdrawn' || kind === 'outcome' ? 'placement' : 'scheme';
}

/** What decides an order's capabilities: who owns it, and the state the rules look at. */
export interface OrderCapabilityFacts extends OrderAccessFacts {
  status: 'open' | 'inactive' | 'closed';
  candidateCount: number;
  maxCandidates: number | null;
}

/** Would `authorizeOrder` let this action through? The same decision, without making an error. */
const permits = (principal: Principal, order: OrderAccessFacts, action: OrderAction): boolean => refusalOf(principal, order, action) === null;

/**
 * What the caller may do to an order now (its `actions`): the policy's answer for each action,
 * and for placing also the rule the placement itself applies (open, below the maximum). A copy
 * is a new order made from one the caller may read.
 */
export function orderCapabilities(principal: Principal, order: OrderCapabilityFacts): OrderCapability[] {
  if (!permits(principal, order, 'read')) return [];
  const actions: OrderCapability[] = [];
  if (permits(principal, order, 'edit')) actions.push('edit');
  if (permits(principal, order, 'change_status')) actions.push('changeStatus');
  actions.push('copy');
  if (permits(principal, order, 'appoint_coordinator')) actions.push('appointCoordinator');
  if (permits(principal, order, 'write_note')) actions.push('note');
  if (permits(principal, order, 'place_candidate') && placementRefusal(order) === null) actions.push('place');
  return actions;
}

/** Does the scope take in this placement? The predicate the placements' SQL filter keeps to. */
export function placementInScope(scope: PlacementScope, placement: { jobcenterId: string }): boolean {
  return 'all' in scope || scope.jobcenterId === placement.jobcenterId;
}

/**
 * What the caller may do to a placed candidate now: the jobcenter that placed them withdraws them,
 * the order's company records the outcome; a withdrawn candidate takes neither.
 */
export function placementCapabilities(
  principal: Principal,
  order: OrderAccessFacts,
  placement: { jobcenterId: string; withdrawnAt: string | null },
): PlacementCapability[] {
  if (placement.withdrawnAt !== null || !permits(principal, order, 'read') || !placementInScope(placementScope(principal), placement)) return [];
  const actions: PlacementCapability[] = [];
  if (permits(principal, order, 'withdraw_placement')) actions.push('withdraw');
  if (permits(principal, order, 'record_outcome')) actions.push('recordOutcome');
  return actions;
}
