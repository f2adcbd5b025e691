import type { Strings } from '../catalogue.ts';
import { addStrings } from '../strings.ts';

/** Danish words of the order list (R9): in the chunk of the elements that show them (order-list.ts import this). */
export const list: Pick<Strings, 'list'> = {
  list: {
    heading: 'Jobordrer',
    caption: 'Virksomhedens jobordrer',
    statusFilter: 'Vis status',
    allStatuses: 'Alle',
    showMore: 'Vis flere',
    loading: 'Henter jobordrer …',
    loadingMore: 'Henter flere jobordrer …',
    empty: 'Virksomheden har ingen jobordrer endnu.',
    emptyFiltered: (status) => `Der er ingen jobordrer med status ${status}.`,
    shown: (count) => (count === 1 ? '1 jobordre vist.' : `${count} jobordrer vist.`),
    sortedBy: (column, ascending) => `Sorteret efter ${column}, ${ascending ? 'stigende' : 'faldende'}.`,
    loadFailed: 'Jobordrerne kunne ikke hentes.',
    scrollHint: 'Rul vandret for at se alle kolonner.',
    scrollRegion: 'Jobordrer, kan rulles vandret',
    columns: {
      id: 'Id',
      title: 'Jobtitel/Beskrivelse',
      contact: 'Kontaktperson',
      status: 'Status',
      updatedAt: 'Seneste handling',
      candidates: 'Kandidater',
      longTerm: 'Langvarig',
      company: 'Virksomhed',
    },
    jobcenterCaption: 'Jobordrer i ordningen',
    emptyScheme: 'Der er ingen jobordrer at vise.',
  },
};

addStrings('da', list);
