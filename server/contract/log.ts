import * as v from 'valibot';
import { logActions } from './journal.ts';
import { PageOf } from './page.ts';
import { dateTime, id, int32, text } from './bounded.ts';
import { actorKinds, closeReasons, notSuitableReasons, orderStatuses, outcomes } from '../../sdk/rules.ts';
import { date } from './bounded.ts';

export const ActorSchema = v.pipe(
  v.strictObject({
    kind: v.picklist(actorKinds),
    name: v.pipe(text(200), v.description('The company, or the jobcenter (Oprettet af, R4.3).')),
    person: v.pipe(v.nullable(text(200)), v.description('The contact person or caseworker who acted through a widget; null for an integration\'s API key.')),
  }),
  v.description('Who acted.'),
);

export const LogEntrySchema = v.pipe(
  v.strictObject({
    id: v.pipe(id, v.description('The journal entry\'s id: grows with every change of any order, so it orders and resumes the event stream.')),
    orderId: id,
    orderVersion: v.pipe(int32(1, 2_147_483_647), v.description('The order\'s version after this change (its ETag is `"<orderVersion>"`).')),
    at: v.pipe(dateTime, v.description('Handlingsdato.')),
    actor: ActorSchema,
    action: v.pipe(
      v.picklist(logActions),
      v.description(
        'Handlingstype. The guide\'s four (R4.3): `created` Oprettet, `changed` Ændret (a status change only), `placement` Formidling, ' +
          '`withdrawn` Fjernet. And: `edited` (the order was edited, R7), `note` (the responsible jobcenter wrote a note, R5.4), ' +
          '`coordinator_appointed` (the tovholder was appointed, R1.5; the description is the name), `outcome` (the company recorded what became of a candidate).',
      ),
    ),
    description: v.pipe(
      text(10000),
      v.description(
        'Beskrivelse: the note, the text the jobcenter sent with a candidate, or the tovholder\'s name; for `withdrawn` the candidate\'s name ' +
          'and, after `: `, the reason when one was given; for `outcome` the candidate\'s name (never an address). May be empty.',
      ),
    ),
    status: v.pipe(v.nullable(v.picklist(orderStatuses)), v.description('For `changed`: the new status; otherwise null.')),
    placementId: v.pipe(v.nullable(id), v.description('For `placement`, `withdrawn` and `outcome`: the placement.')),
    outcome: v.pipe(
      v.nullable(v.strictObject({ outcome: v.picklist(outcomes), startDate: v.nullable(date), reason: v.nullable(v.picklist(notSuitableReasons)) })),
      v.description('For `outcome`: what the company recorded (`startDate` for `hired`, `reason` for `not_suitable`); otherwise null.'),
    ),
    closeReason: v.pipe(v.nullable(v.picklist(closeReasons)), v.description('For `changed` to `closed`: why, when the company said; otherwise null.')),
    copyOf: v.pipe(v.nullable(id), v.description('For `created`: the order this one was copied from (Kopiér jobordre); otherwise null.')),
  }),
  v.description(
    'One entry of an order\'s journal: a line of the placement log (formidlingslog, R4.3) and an event of `GET /v1/events`. ' +
      'The company sees every entry of its orders; every signed-up jobcenter sees what happened to an order; a placement, withdrawal or outcome only the company and the jobcenter that placed the candidate (R8.4).',
  ),
);
export type LogEntry = v.InferOutput<typeof LogEntrySchema>;

export const LogPageSchema = PageOf(LogEntrySchema, 'Oldest first.');
