import type { PlacementProblem, Strings } from '../catalogue.ts';

/** What the runtime chunk holds: the words of every element, and of every failed call but placements' (da.candidates.ts). */
export type CoreStrings = Pick<Strings, 'common'> & { problems: Omit<Strings['problems'], PlacementProblem> };

// Said both for a problem type and, when a failure has no known type, for its HTTP status.
const unauthorized = 'Du er ikke logget ind, eller din adgang er udløbet. Log ind igen.';
const forbidden = 'Du har ikke adgang til at gøre dette.';
const notFound = 'Jobordren blev ikke fundet.';
const server = 'Der opstod en fejl hos JobAG. Prøv igen om lidt.';

/**
 * Danish, the default (R8.2), in the guide's own words (R9): the words every element uses. Each
 * element's own words are in `da.<part>.ts`, loaded with that element (test/server/http/bundles.test.ts
 * checks that together they are the whole catalogue).
 */
export const da: CoreStrings = {
  common: {
    yes: 'Ja',
    no: 'Nej',
    retry: 'Prøv igen',
    notGiven: 'Ikke angivet',
    requiredNote: 'Felter markeret med * skal udfyldes.',
    notConfigured: 'Elementet mangler forbindelse til JobAG: giv det base-url og getToken, eller placer det i en <jobag-provider>.',
    network: 'Der er ingen forbindelse til JobAG. Tjek din internetforbindelse, og prøv igen.',
    unauthorized,
    forbidden,
    notFound,
    server,
    unexpected: 'Noget gik galt.',
    livePaused: 'Liveopdateringer er på pause – prøver igen …',
  },
  problems: {
    '/problems/validation': 'Nogle felter er ikke udfyldt korrekt.',
    '/problems/invalid-parameters': 'JobAG kunne ikke forstå forespørgslen.',
    '/problems/malformed-json': 'JobAG kunne ikke læse det sendte.',
    '/problems/unsupported-media-type': 'JobAG kunne ikke læse det sendte.',
    '/problems/payload-too-large': 'Der blev sendt for meget på én gang. Gør teksten kortere, og prøv igen.',
    '/problems/invalid-idempotency-key': 'JobAG kunne ikke forstå forespørgslen.',
    '/problems/idempotency-key-reused': 'Det samme blev allerede sendt med andet indhold. Genindlæs siden, og prøv igen.',
    '/problems/unauthorized': unauthorized,
    '/problems/token-expired': unauthorized,
    '/problems/forbidden': forbidden,
    '/problems/origin-not-allowed': 'Denne side har ikke adgang til JobAG. Kontakt sidens administrator.',
    '/problems/not-signed-up': 'Jobcentret er ikke tilmeldt jobordre.',
    '/problems/not-found': notFound,
    '/problems/no-coordinator': 'Der er endnu ikke udpeget en tovholder for jobordren.',
    '/problems/stale-version': 'Jobordren er ændret af en anden, siden du åbnede den. Genindlæs den for at se ændringerne.',
    '/problems/precondition-required': 'Jobordren kan ikke ændres uden den version, du har set. Genindlæs den, og prøv igen.',
    '/problems/method-not-allowed': 'Det kan JobAG ikke gøre her.',
    '/problems/rate-limited': 'Der er sendt for mange forespørgsler på kort tid. Vent lidt, og prøv igen.',
    '/problems/internal': server,
    '/problems/bad-gateway': 'Portalen kunne ikke få forbindelse til JobAG. Prøv igen om lidt.',
    '/problems/unavailable': 'JobAG er ikke tilgængelig lige nu. Prøv igen om lidt.',
  },
};
