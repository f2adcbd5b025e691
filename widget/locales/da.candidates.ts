import type { PlacementProblem, Strings } from '../catalogue.ts';
import { addStrings } from '../strings.ts';

/** Danish words of the candidates (R9): in the chunk of the elements that show them (candidates.ts import this). */
export const candidates: Pick<Strings, 'candidates'> & { problems: Pick<Strings['problems'], PlacementProblem> } = {
  candidates: {
    heading: 'Alle formidlede kandidater',
    loading: 'Henter kandidater …',
    loadFailed: 'Kandidaterne kunne ikke hentes.',
    empty: 'Der er ikke formidlet kandidater endnu.',
    showMore: 'Vis flere',
    withdrawn: 'Fjernet',
    placedBy: (jobcenter, date) => `Formidlet af ${jobcenter} den ${date}`,
    back: 'Tilbage til alle kandidater',
    birthYear: 'Fødselsår',
    address: 'Adresse',
    noAddress: 'Ikke oplyst (vises aldrig ved adressebeskyttelse)',
    website: 'Hjemmeside',
    email: 'E-mail',
    phone: 'Telefon',
    contact: 'Kontaktoplysninger',
    jobcenterText: 'Jobcentrets beskrivelse',
    cv: 'CV',
    experience: 'Erhvervserfaring',
    education: 'Uddannelse',
    skills: 'Kompetencer',
    live: (what) => `Kandidatlisten er opdateret: ${what}.`,
    count: (placed, withdrawn) => `${placed} formidlet${withdrawn ? `, heraf ${withdrawn} fjernet` : ''}.`,
    outcome: 'Udfald',
    outcomeNone: 'Intet udfald registreret',
    outcomeHeading: 'Registrér udfald',
    outcomeChoose: 'Vælg udfald',
    startDate: 'Startdato',
    reason: 'Begrundelse (valgfri)',
    reasonNone: 'Ingen begrundelse',
    saveOutcome: 'Gem udfald',
    outcomeSaved: (name, outcome) => `Udfald for ${name} er gemt: ${outcome}.`,
    startDateRequired: 'Skriv startdatoen.',
    outcomeRequired: 'Vælg et udfald.',
    hiredFrom: (outcome, date) => `${outcome} fra ${date}`,
    now: 'nu',
  },
  problems: {
    '/problems/not-responsible': 'Kun det ansvarlige jobcenter kan gøre dette.',
    '/problems/order-not-open': 'Jobordren er ikke åben, så der kan ikke formidles kandidater til den.',
    '/problems/max-candidates-reached': 'Jobordren har allerede det højeste antal kandidater (Max. antal kandidater).',
    '/problems/already-withdrawn': 'Kandidaten er allerede fjernet.',
  },
};

addStrings('da', candidates);
