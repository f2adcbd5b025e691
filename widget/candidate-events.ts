import { JobagEvent } from './events.ts';

// Its own module, in the candidates' chunk: the pages without candidates do not carry it.

/** A candidate was opened in `<jobag-candidates>` (R4.4); `detail.placementId`. */
export class CandidateOpenEvent extends JobagEvent<{ orderId: number; placementId: number }> {
  static readonly type = 'jobag-candidate-open';
  constructor(orderId: number, placementId: number) {
    super(CandidateOpenEvent.type, { orderId, placementId });
  }
}
