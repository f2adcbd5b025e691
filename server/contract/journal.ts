/**
 * The journal's kinds: one per change an order can undergo. Webhook subscribers choose from this
 * list, so a kind the journal writes is subscribable by being listed here.
 */
export const journalKinds = ['created', 'edited', 'status_changed', 'coordinator_appointed', 'note', 'placement', 'withdrawn', 'outcome'] as const;
export type JournalKind = (typeof journalKinds)[number];

/** The log's action for each kind: R4.3's four keep their words (`changed` = Ændret, a status change only). */
export const logActions = ['created', 'changed', 'placement', 'withdrawn', 'edited', 'note', 'coordinator_appointed', 'outcome'] as const;
export type LogAction = (typeof logActions)[number];
