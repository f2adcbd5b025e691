import type { FieldError, JobOrder, LogEntry, Problem } from '../sdk/index.ts';
import type { CloseReason, NotSuitableReason, Outcome } from '../sdk/rules.ts';

// The shape of a locale's catalogue, apart from the code that loads and reads catalogues
// (strings.ts): the catalogues themselves (locales/) import it, and strings.ts imports them.

/** A field error's machine code, from the server (`errors[].code`) or from the form's own checks: the contract's list. */
export type ErrorCode = FieldError['code'];

/** A problem's `type`, the contract's list (`/problems/not-found`, …). */
export type ProblemType = Problem['type'];
/** The problems only the desk and the candidates meet (placing, withdrawing, outcomes): their words load with those elements. */
export type PlacementProblem = '/problems/not-responsible' | '/problems/order-not-open' | '/problems/max-candidates-reached' | '/problems/already-withdrawn';

/**
 * Every word an element shows, one catalogue per locale. Typed so a missing translation is a
 * compile error; the Danish catalogue uses the guide's own words (R9).
 */
export interface Strings {
  readonly common: {
    yes: string; no: string; retry: string; notGiven: string; requiredNote: string;
    notConfigured: string; network: string; unauthorized: string; forbidden: string; notFound: string; server: string; unexpected: string;
    /** Shown on every element that follows the live stream while it is down and being retried. */
    livePaused: string;
  };
  readonly statuses: Readonly<Record<JobOrder['status'], string>>;
  readonly workingTimes: Readonly<Record<JobOrder['workingTime'], string>>;
  readonly workingHoursConditions: Readonly<Record<JobOrder['workingHoursCondition'], string>>;
  readonly responseMethods: Readonly<Record<JobOrder['responseMethod'], string>>;
  /** What became of a placed candidate, as the company recorded it. */
  readonly outcomes: Readonly<Record<Outcome, string>>;
  readonly notSuitableReasons: Readonly<Record<NotSuitableReason, string>>;
  /** Why an order was closed, as the company said when closing it. */
  readonly closeReasons: Readonly<Record<CloseReason, string>>;
  readonly list: {
    heading: string; caption: string; statusFilter: string; allStatuses: string; showMore: string; loading: string; loadingMore: string;
    empty: string; emptyFiltered: (status: string) => string; shown: (count: number) => string; loadFailed: string;
    sortedBy: (column: string, ascending: boolean) => string; scrollHint: string; scrollRegion: string;
    /** Every column by its API sort key; `company` shows on the jobcenter's list only. */
    columns: { id: string; title: string; company: string; contact: string; status: string; updatedAt: string; candidates: string; longTerm: string };
    jobcenterCaption: string; emptyScheme: string;
  };
  readonly form: {
    createHeading: string; editHeading: string; loadingOrder: string; loadFailed: string; employerOnly: string;
    occupation: string; occupationHelp: string; occupationSearching: string; occupationSuggestions: (count: number) => string;
    occupationNone: string; occupationFailed: string; suggestions: string;
    jobcenter: string; jobcenterHelp: string; jobcenterChoose: string; jobcenterNotSignedUp: (name: string) => string; jobcenterReadonly: string;
    description: string; descriptionHelp: string;
    /** Under a long text field: how much of its limit (`orderTextLimits`) is used. */
    characters: (used: number, max: number) => string; positions: string; emailOnPlacement: string; emailOnPlacementHelp: string;
    terms: string; longTerm: string; longTermHelp: string; startDate: string; startDateHelp: string; duration: string; durationHelp: string;
    responseDeadline: string; responseDeadlineHelp: string; maxCandidates: string; maxCandidatesHelp: string; workingTime: string;
    weeklyHours: string; weeklyHoursHelp: string; workingHoursCondition: string; responseMethod: string;
    workplace: string; workplaceChoose: string; pNumber: string; workplaceName: string; street: string; floor: string; door: string;
    postalCode: string; city: string; clearFields: string; clearWorkplace: string; clearContact: string;
    contact: string; contactChoose: string; contactOther: string; contactName: string; email: string; phone: string;
    note: string; noteHelp: string; create: string; update: string; cancel: string; saving: string;
    errorSummary: (count: number) => string; conflict: string; reload: string; updated: string;
    receipt: string; receiptIntro: (id: number) => string; print: string; newOrder: string; id: string; createdAt: string; days: (count: number) => string;
    hoursPerWeek: (count: number) => string;
    copyHeading: (id: number) => string; copyIntro: string; copyCreate: string;
  };
  readonly view: {
    heading: (id: number, title: string) => string; loading: string; loadFailed: string; summary: string; details: string;
    status: string; latestNote: string; noNote: string; noteMeta: (date: string, by: string) => string; coordinator: string; coordinatorNone: string;
    edit: string; statusHeading: string; newStatus: string; note: string; noteHelp: string; changeStatus: string; sameStatus: string;
    confirm: (from: string, to: string) => string; confirmYes: string; confirmNo: string; statusChanged: (status: string) => string;
    conflict: string; reload: string; live: (action: string, by: string) => string;
    copy: string; copied: (id: number, source: number) => string; closeReason: string; closeReasonChoose: string; closeReasonHelp: string;
    closeReasonRequired: string; closeNoteRequired: string;
  };
  readonly log: {
    heading: string; loading: string; loadingMore: string; loadFailed: string; empty: string; showMore: string; shown: (count: number) => string;
    columns: { actor: string; description: string; action: string; at: string };
    actions: Readonly<Record<LogEntry['action'], string>>; statusTo: (status: string) => string; added: (action: string, by: string) => string;
    closeReason: (reason: string) => string; copiedFrom: (id: number) => string; outcomeStart: (date: string) => string;
    /** The description of the entry that created an order (not a copy). */
    created: string;
  };
  readonly candidates: {
    heading: string; loading: string; loadFailed: string; empty: string; showMore: string; withdrawn: string; placedBy: (jobcenter: string, date: string) => string;
    back: string; birthYear: string; address: string; noAddress: string; website: string; email: string; phone: string; contact: string;
    jobcenterText: string; cv: string; experience: string; education: string; skills: string; live: (what: string) => string; count: (placed: number, withdrawn: number) => string;
    outcome: string; outcomeNone: string; outcomeHeading: string; outcomeChoose: string; startDate: string; reason: string; reasonNone: string;
    saveOutcome: string; outcomeSaved: (name: string, outcome: string) => string; startDateRequired: string; outcomeRequired: string;
    hiredFrom: (outcome: string, date: string) => string;
    /** The end of a CV entry that has none: a current job ("2021-03 – nu"). */
    now: string;
  };
  /** `<jobag-order-page>`: its own headings, navigation and what it announces on each screen change. */
  readonly page: {
    heading: string; create: string; back: string; backToOrder: string; openCreated: (id: number) => string;
    shown: { list: string; view: (id: number) => string; edit: (id: number) => string; create: string };
  };
  readonly desk: {
    heading: string; mine: string; back: string; loading: string; loadFailed: string; company: string; responsible: string;
    coordinatorHeading: string; coordinatorName: string; email: string; phone: string; appoint: string; appointed: (name: string) => string;
    placeHeading: string; name: string; birthYear: string; addressProtected: string; addressProtectedHelp: string; street: string; postalCode: string; city: string;
    cvChoice: string; cvSearchable: string; contactOnly: string; cvHeadline: string; cvSummary: string; website: string; description: string;
    place: string; placed: (name: string) => string; required: (field: string) => string;
    /** Above the candidate form: how many required fields are empty (each listed beneath). */
    errorSummary: (count: number) => string;
    ownHeading: string; ownEmpty: string; withdraw: (name: string) => string; withdrawn: (name: string) => string;
    withdrawConfirm: (name: string) => string; withdrawReason: string; withdrawReasonHelp: string; withdrawYes: (name: string) => string; withdrawNo: string;
    noteHeading: string; noteText: string; sendNote: string; noteSent: string; conflict: string; reload: string; live: (action: string, by: string) => string;
    statsHeading: string; statsCaption: string; statsLoading: string; statsFailed: string; statsEmpty: string; statsTotal: string;
    statsColumns: { order: string; placements: string; hires: string; days: string; fillRate: string };
    statsNote: string; percent: (value: number | null) => string; days: (value: number | null) => string; statsMore: string; statsLive: string;
  };
  /** A message for every error code of the contract, used for the form's own checks and the server's errors. */
  readonly errors: Readonly<Record<ErrorCode, string>>;
  /** A message for every problem type of the contract: what the user is told when a call fails. */
  readonly problems: Readonly<Record<ProblemType, string>>;
  /** Sharper messages for one field's code, keyed `path:code` (e.g. `workplace.postalCode:format`). */
  readonly fieldErrors: Readonly<Record<string, string>>;
}
