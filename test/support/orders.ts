import { findOccupation, occupations } from '../../server/reference/index.ts';

/** A valid create body for demo company A (Nordlys Køkken, workplace in København). */
export function validOrder(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const kitchenHelper = occupations.find((o) => o.title === 'Køkkenmedhjælper');
  if (!kitchenHelper || !findOccupation(kitchenHelper.code)) throw new Error('reference data lacks Køkkenmedhjælper');
  return {
    occupationCode: kitchenHelper.code,
    responsibleJobcenterId: '101',
    description: 'Opvask og klargøring i et travlt køkken.',
    positions: 2,
    workplace: { pNumber: '1003456781', name: 'Nordlys Køkken Vesterbro', street: 'Vesterbrogade 12', postalCode: '1620', city: 'København V' },
    contact: { contactPersonId: 1, name: 'Mette Hansen', email: 'mette.hansen@nordlys.example', phone: '+45 20 30 40 50' },
    ...overrides,
  };
}

/** A valid create body for demo company B (Havnens Lager, Vejle). */
export function validOrderB(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return validOrder({
    responsibleJobcenterId: '751',
    workplace: { pNumber: '1009876541', name: 'Havnens Lager', street: 'Havnegade 3', postalCode: '7100', city: 'Vejle' },
    contact: { contactPersonId: 3, name: 'Søren Ågesen', email: 'soren.agesen@havnenslager.example' },
    ...overrides,
  });
}

export const codeOfTitle = (title: string): string => {
  const found = occupations.find((o) => o.title === title);
  if (!found) throw new Error(`no occupation ${title}`);
  return found.code;
};
