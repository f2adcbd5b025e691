/** What the placement e-mail needs to know; deliberately nothing about the candidate (R6, R8.4). */
export interface PlacementEmailFacts {
  jobOrderId: number;
  occupationTitle: string;
  jobcenterName: string;
  contactName: string;
  /** Candidates currently placed on the order, this one included. */
  candidateCount: number;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/**
 * The Danish e-mail to the order's contact person when a jobcenter places a candidate (R6.1).
 * It names the jobcenter and the order ("Jobordre 17 – Køkkenmedhjælper") but no personal data
 * of the candidate: e-mail travels and is stored outside our control, so the company reads who
 * was placed in JobAG itself.
 */
export function placementEmail(facts: PlacementEmailFacts): EmailContent {
  const order = `Jobordre ${facts.jobOrderId} – ${facts.occupationTitle}`;
  const count = facts.candidateCount === 1 ? '1 formidlet kandidat' : `${facts.candidateCount} formidlede kandidater`;
  const subject = `${facts.jobcenterName} har formidlet en kandidat til ${order}`;
  const paragraphs = [
    `Kære ${facts.contactName}`,
    `${facts.jobcenterName} har formidlet en kandidat til ${order}.`,
    `Jobordren har nu ${count}. Du kan se kandidaten og jobcentrets beskrivelse under "Alle formidlede kandidater" og i formidlingsloggen, når du åbner jobordren i JobAG.`,
    'Du får denne e-mail, fordi "E-mail ved formidling" er slået til på jobordren. Du kan slå den fra under "Rediger jobordre".',
    'Venlig hilsen\nJobAG Jobordre',
  ];
  const text = `${paragraphs.join('\n\n')}\n`;
  const html = [
    '<!doctype html>',
    '<html lang="da"><head><meta charset="utf-8"><title>' + escapeHtml(subject) + '</title></head>',
    '<body style="font-family: Arial, sans-serif; color: #1a1a1a; line-height: 1.5">',
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
    '</body></html>',
  ].join('\n');
  return { subject, text, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** The key that makes one e-mail per placement, whatever retries or races happen (R6.2). */
export const placementDedupeKey = (placementId: number) => `placement:${placementId}`;
