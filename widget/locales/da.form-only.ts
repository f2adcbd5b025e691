import { orderNumberLimits } from '../../sdk/rules.ts';
import type { Strings } from '../catalogue.ts';
import { addStrings } from '../strings.ts';

const { weeklyHours } = orderNumberLimits;

/** The form's own words (R9): help texts, buttons, the receipt; in the form's chunk (order-form.ts imports this). */
export const formOnly = {
  form: {
    createHeading: 'Opret jobordre',
    copyHeading: (id) => `Kopiér jobordre ${id}`,
    copyIntro: 'Oplysningerne er kopieret fra jobordren. Datoer, der er passeret, er fjernet. Ret det, der skal ændres, og opret den nye jobordre.',
    copyCreate: 'Opret kopi',
    editHeading: 'Rediger jobordre',
    loadingOrder: 'Henter jobordre …',
    loadFailed: 'Jobordren kunne ikke hentes.',
    employerOnly: 'Kun virksomhedens kontaktpersoner kan oprette og rette jobordrer.',
    occupationHelp: 'Skriv mindst tre bogstaver, og vælg en titel på listen.',
    occupationSearching: 'Søger …',
    occupationSuggestions: (count) => (count === 1 ? '1 forslag. Brug pil op og ned for at vælge.' : `${count} forslag. Brug pil op og ned for at vælge.`),
    occupationNone: 'Ingen titler passer. Prøv med andre bogstaver.',
    occupationFailed: 'Forslagene kunne ikke hentes.',
    suggestions: 'Forslag til stillingsbetegnelse',
    jobcenterHelp:
      'Det ansvarlige jobcenter koordinerer jobordren: det udpeger en tovholder, som vurderer kandidaterne, før de formidles til jer. Arbejdsstedets lokale jobcenter er valgt, når det er tilmeldt jobordre.',
    jobcenterChoose: 'Vælg et tilmeldt jobcenter',
    jobcenterNotSignedUp: (name) => `${name} er ikke tilmeldt jobordre. Vælg et af de tilmeldte jobcentre.`,
    jobcenterReadonly: 'Det ansvarlige jobcenter kan ikke ændres.',
    descriptionHelp: 'Opgaven og de kompetencer, I søger.',
    characters: (used, max) => `${used} af højst ${max.toLocaleString('da')} tegn`,
    emailOnPlacementHelp: 'Kontaktpersonen får en e-mail, hver gang et jobcenter formidler kandidater.',
    terms: 'Datoer og vilkår',
    longTermHelp: 'Til et løbende behov. Job startdato, varighed, svarfrist og max. antal kandidater bruges så ikke.',
    startDateHelp: 'Tidligste start. Dags dato betyder hurtigst muligt.',
    durationHelp: 'Antal arbejdsdage.',
    responseDeadlineHelp: 'Datoen, hvor I forventer svar. Skal ligge efter i dag.',
    maxCandidatesHelp: 'Så mange kandidater vil I højst præsenteres for.',
    weeklyHours: 'Antal hele timer',
    weeklyHoursHelp: `Om ugen, ${weeklyHours.min}–${weeklyHours.max}.`,
    workplaceChoose: 'Hvilket arbejdssted/P-nummer er ansvarlig for jobordren?',
    workplaceName: 'Navn',
    street: 'Adresse',
    postalCode: 'Postnr.',
    city: 'By',
    clearFields: 'Ryd felter',
    clearWorkplace: 'Ryd felter for arbejdssted',
    clearContact: 'Ryd felter for kontaktperson',
    contactChoose: 'Kontaktperson ang. jobbet',
    contactOther: 'Anden person (udfyld selv)',
    contactName: 'Navn',
    email: 'E-mail',
    phone: 'Telefon',
    note: 'Note til jobcentret',
    noteHelp: 'Fortæl jobcentret om ændringerne (valgfrit).',
    create: 'Opret',
    update: 'Opdater jobordre',
    cancel: 'Fortryd',
    errorSummary: (count) => (count === 1 ? 'Der er 1 fejl i formularen:' : `Der er ${count} fejl i formularen:`),
    conflict: 'Jobordren er ændret af en anden, siden du åbnede den. Genindlæs den for at se ændringerne; din note til jobcentret bevares.',
    reload: 'Genindlæs jobordren',
    updated: 'Jobordren er opdateret.',
    receipt: 'Kvittering',
    receiptIntro: (id) => `Jobordre ${id} er oprettet og sendt til jobcentrene.`,
    print: 'Udskriv kvittering',
    newOrder: 'Opret en ny jobordre',
  },
} satisfies { form: Partial<Strings['form']> };

addStrings('da', formOnly);
