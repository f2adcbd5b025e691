import type { Strings } from '../catalogue.ts';
import { addStrings } from '../strings.ts';

/** The form's words that show an order too (R9): its field labels, for the order view, the desk and the form (each imports this). */
export const formLabels = {
  form: {
    occupation: 'Stillingsbetegnelse eller jobtitel',
    jobcenter: 'Ansvarligt jobcenter',
    description: 'Beskriv opgaven, der skal udføres',
    positions: 'Antal stillinger, der skal besættes',
    emailOnPlacement: 'E-mail ved formidling',
    longTerm: 'Langvarig jobordre',
    startDate: 'Job startdato',
    duration: 'Varighed',
    responseDeadline: 'Jobcentrets svarfrist',
    maxCandidates: 'Max. antal kandidater',
    workingTime: 'Arbejdstid',
    workingHoursCondition: 'Arbejdstidsforhold',
    responseMethod: 'Svarmåde',
    workplace: 'Arbejdssted',
    pNumber: 'P-nummer',
    floor: 'Etage',
    door: 'Dør',
    contact: 'Kontaktperson',
    saving: 'Gemmer …',
    id: 'Id',
    createdAt: 'Oprettelsesdato',
    days: (count) => (count === 1 ? '1 arbejdsdag' : `${count} arbejdsdage`),
    hoursPerWeek: (count) => (count === 1 ? '1 time om ugen' : `${count} timer om ugen`),
  },
} satisfies { form: Partial<Strings['form']> };

addStrings('da', formLabels);
