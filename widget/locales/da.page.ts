import type { Strings } from '../catalogue.ts';
import { addStrings } from '../strings.ts';

// The order page's words, in its own chunk.
export const page: Pick<Strings, 'page'> = {
  page: {
    heading: 'Virksomhedens jobordrer',
    create: 'Opret jobordre',
    back: 'Tilbage til jobordrer',
    backToOrder: 'Tilbage til jobordren',
    openCreated: (id) => `Åbn jobordre ${id}`,
    shown: {
      list: 'Viser virksomhedens jobordrer',
      view: (id) => `Viser jobordre ${id}`,
      edit: (id) => `Viser Rediger jobordre ${id}`,
      create: 'Viser Opret jobordre',
    },
  },
};

addStrings('da', page);
