import type { Locale } from '../../shared/validate';

/** The server's own words: row issues the shared validator cannot know (they need the database), notes, warnings. */
export type ServerMessages = Readonly<{
  emailTaken: (p: { value: string; contactId: number }) => string;
  matchedTwice: (p: { contactId: number; otherRow: number }) => string;
  /** `{row}` is filled in per contact by the database. */
  createdNote: (p: { importId: number; source: string; user: string }) => string;
  updatedNote: (p: { importId: number; source: string; user: string }) => string;
  importNotePrefix: string;
  defaultPlan: (p: { count: number; plan: string; sends: string }) => string;
  immediateCalls: (p: { count: number }) => string;
  large: (p: { count: number }) => string;
  rowsHaveErrors: (p: { count: number }) => string;
  /** `{attempts}` is filled in by the database. */
  interrupted: string;
  laterChange: (p: { contactId: number; importId: number }) => string;
  /** A cell the database cannot store as it is. */
  unstorable: (p: { what: 'nul' | 'surrogate' }) => string;
  /** The reason of an import stopped on request. */
  cancelled: string;
  /** The reason of an import that failed for a reason of the server's own (`{cause}` says which). */
  unexpected: (p: { cause: string }) => string;
}>;

const en: ServerMessages = {
  emailTaken: ({ value, contactId }) =>
    `Contact ${contactId} already has the email ${value}. Match on email to update that contact, choose "create anyway" to add a linked duplicate, or correct the address.`,
  matchedTwice: ({ contactId, otherRow }) =>
    `This row and row ${otherRow} both match contact ${contactId}; only one row may update a contact. Remove or correct one of them.`,
  createdNote: ({ importId, source, user }) =>
    `Created by import ${importId} from "${source}", row {row}, by ${user}.`,
  updatedNote: ({ importId, source, user }) =>
    `Updated by import ${importId} from "${source}", row {row}, by ${user}: {fields}.`,
  importNotePrefix: '[import]',
  defaultPlan: ({ count, plan, sends }) =>
    `${count} new contacts will enter "${plan}" because no action plan was chosen${sends ? `; it sends ${sends}` : ''}.`,
  immediateCalls: ({ count }) => `This import will place ${count} calls as soon as it finishes.`,
  large: ({ count }) => `This is a large import (${count} rows).`,
  rowsHaveErrors: ({ count }) =>
    `${count} ${count === 1 ? 'row has' : 'rows have'} errors; nothing was imported.`,
  interrupted:
    'The server stopped during this import {attempts} times; nothing was imported. Send it again with a new idempotency key.',
  laterChange: ({ contactId, importId }) => `Contact ${contactId} was changed later by import ${importId}.`,
  unstorable: ({ what }) =>
    what === 'nul'
      ? 'This cell holds a NUL character (shown as ␀), which cannot be stored; remove it and send the row again.'
      : 'This cell holds half of a character (an unpaired surrogate, shown as �), which cannot be stored; retype the text and send the row again.',
  cancelled: 'The import was cancelled; nothing was imported.',
  unexpected: ({ cause }) => `The import failed unexpectedly (${cause}); nothing was imported.`,
};

const nb: ServerMessages = {
  emailTaken: ({ value, contactId }) =>
    `Kontakt ${contactId} har allerede e-postadressen ${value}. Match på e-post for å oppdatere den kontakten, velg «opprett likevel» for å legge til et koblet duplikat, eller rett adressen.`,
  matchedTwice: ({ contactId, otherRow }) =>
    `Denne raden og rad ${otherRow} matcher begge kontakt ${contactId}; bare én rad kan oppdatere en kontakt. Fjern eller rett en av dem.`,
  createdNote: ({ importId, source, user }) =>
    `Opprettet av import ${importId} fra «${source}», rad {row}, av ${user}.`,
  updatedNote: ({ importId, source, user }) =>
    `Oppdatert av import ${importId} fra «${source}», rad {row}, av ${user}: {fields}.`,
  importNotePrefix: '[import]',
  defaultPlan: ({ count, plan, sends }) =>
    `${count} nye kontakter legges i «${plan}» fordi ingen handlingsplan er valgt${sends ? `; den sender ${sends}` : ''}.`,
  immediateCalls: ({ count }) => `Denne importen ringer ${count} samtaler straks den er ferdig.`,
  large: ({ count }) => `Dette er en stor import (${count} rader).`,
  rowsHaveErrors: ({ count }) =>
    `${count} ${count === 1 ? 'rad har' : 'rader har'} feil; ingenting ble importert.`,
  interrupted:
    'Serveren stoppet under denne importen {attempts} ganger; ingenting ble importert. Send den på nytt med en ny idempotensnøkkel.',
  laterChange: ({ contactId, importId }) => `Kontakt ${contactId} ble endret senere av import ${importId}.`,
  unstorable: ({ what }) =>
    what === 'nul'
      ? 'Cellen inneholder et NUL-tegn (vist som ␀), som ikke kan lagres; fjern det og send raden på nytt.'
      : 'Cellen inneholder et halvt tegn (et uparet surrogat, vist som �), som ikke kan lagres; skriv teksten på nytt og send raden igjen.',
  cancelled: 'Importen ble avbrutt; ingenting ble importert.',
  unexpected: ({ cause }) => `Importen mislyktes uventet (${cause}); ingenting ble importert.`,
};

export const serverMessages: Readonly<Record<Locale, ServerMessages>> = { en, nb };
