import type { Placement } from '../sdk/index.ts';
import { JobagEvent } from './events.ts';

// Its own module, in the candidates' chunk: the pages without candidates do not carry it.

/** A candidate was opened in `<jobag-candidates>` (R4.4); `detail.placementId`. */
export class CandidateOpenEvent extends JobagEvent<{ orderId: number; placementId: number }> {
  static readonly type = 'jobag-candidate-open';
  constructor(orderId: number, placementId: number) {
    super(CandidateOpenEvent.type, { orderId, placementId });
  }
}

/** The company recorded a candidate's outcome in `<jobag-candidates>`; `detail` the placement as stored now. */
export class OutcomeRecordedEvent extends JobagEvent<Placement> {
  static readonly type = 'jobag-outcome-recorded';
  constructor(placement: Placement) {
    super(OutcomeRecordedEvent.type, placement);
  }
}

declare global {
  interface HTMLElementEventMap {
    'jobag-candidate-open': CandidateOpenEvent;
    'jobag-outcome-recorded': OutcomeRecordedEvent;
  }
}
