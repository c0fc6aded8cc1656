/** Related documents (R22): every notice and form links to them. */
export const RELATED_DOCUMENTS_BASE =
  'https://vardgivare.skane.se/vardriktlinjer/hjalpmedel/bestallningssystemet-sesam/visma-websesam/';

export const RELATED_DOCUMENTS = [
  { id: 'sesam-vardgivare', title: 'Beställningssystemet Sesam på Vårdgivare Skåne', url: RELATED_DOCUMENTS_BASE },
  { id: 'instructions-manuals', title: 'Instruktioner och manualer – Visma webSesam och webSesam', url: RELATED_DOCUMENTS_BASE },
  { id: 'backup-routine-ot', title: 'Reservrutin Ortopedtekniska tjänster', url: RELATED_DOCUMENTS_BASE },
] as const;

/** The IT service desk's phone number (R6, R14, R16). */
export const SERVICE_DESK_PHONE = '30 000';
