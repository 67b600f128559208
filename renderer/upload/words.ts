import type { ImportStatus } from '../../shared/api';
import {
  isPolicyRefusal,
  type UploadFailure,
  type UploadWords as SharedWords,
  uploadWords,
} from '../../shared/upload';
import type { Locale } from '../../shared/validate';

// The Upload step's own words, beside the app's (renderer/i18n) so the two screens can change apart. The
// sentences about consequences come from shared/upload, so the CLI says the same.

const enNumber = (n: number) => n.toLocaleString('en-US');
const nbNumber = (n: number) => n.toLocaleString('nb-NO');

const en = {
  step: 'Upload',
  title: 'Upload to ClientTether',
  connectTitle: 'Connect to the import server',
  serverAddress: 'Server address',
  apiKey: 'API key',
  apiKeyHelp:
    'Kept by this computer for this app only; in a browser, only while this page is open (a reload asks for it again).',
  connect: 'Connect',
  connecting: 'Connecting…',
  disconnect: 'Disconnect',
  connectedAs: (who: string, server: string) => `Connected as ${who} to ${server}.`,
  unencrypted:
    'Unencrypted: plain http to a lab server, allowed when ListPrep started. Anyone on the network between can read the API key and the list.',
  // A refusal of the transport policy (plain http, a redirect) says itself what happened and what to do.
  connectFailed: (f: UploadFailure) =>
    isPolicyRefusal(f.code)
      ? f.message
      : f.kind === 'auth'
        ? 'The server refused that API key. Copy it again from the import server.'
        : f.kind === 'offline'
          ? `The server cannot be reached: ${f.message}`
          : `That address answered, but not as a ListPrep import server: ${f.message}`,
  account: 'Account',
  chooseAccount: 'Choose the account or sub-account for this list',
  accountKind: { enterprise: 'enterprise', 'sub-account': 'sub-account', standalone: 'account' } as Record<
    string,
    string
  >,
  loadingLookups: 'Loading the account’s lists…',
  lookupsFrom: (when: string, cached: boolean, stale: boolean) =>
    `Action plans, sales cycles, lead sources and users ${cached ? `from ${when} (saved on this computer${stale ? ', may be out of date; refreshed before uploading' : ''})` : `loaded ${when}`}.`,
  lookupsFailed: (f: UploadFailure) => `Could not load the account’s lists: ${f.message}`,
  lookupsApplied: 'ID columns are now checked against the account’s lists.',
  optionsTitle: 'Options',
  matchTitle: 'When a contact already exists',
  matchPrimary: 'Find existing contacts by',
  matchSecondary: 'Then by',
  onMatchLabel: 'What a match does',
  planTitle: 'Action plan for all contacts',
  planNone: 'None chosen: each row’s own, else the Default Action Plan',
  planStartsWithCall: 'starts with a call',
  planSends: (sends: readonly string[]) => (sends.length ? `sends ${sends.join(' + ')}` : 'sends nothing'),
  leadSource: 'Lead source for contacts without one',
  salesCycle: 'Sales cycle step for contacts without one',
  firstStep: 'The first step of the contact type’s cycle',
  noDefault: 'None',
  unmappedTitle: 'Columns not mapped to a field',
  unmappedNote: 'Keep them on each contact as an [import] note',
  unmappedDrop: 'Drop them',
  consequencesTitle: 'What this upload will do',
  compliance: 'I confirm these contacts agreed to be contacted, as GDPR and TCPA require.',
  dryRun: 'Dry run (nothing is imported)',
  dryRunAgain: 'Dry run again',
  dryRunning: 'Asking the server what would happen…',
  dryRunFailed: (f: UploadFailure) => `The dry run did not work: ${f.message}`,
  dryRunTitle: 'Dry run: what the import would do',
  dryRunStale: 'The list or the options changed since this dry run. Run it again before importing.',
  willCreate: 'Created',
  willUpdate: 'Updated',
  willLeave: 'Unchanged',
  willSkip: 'Skipped',
  rejected: 'Rejected',
  showChanges: 'Show the changes field by field',
  hideChanges: 'Hide the changes',
  changesOfRow: (row: number, contact: string) => `Row ${enNumber(row)} → contact ${contact}`,
  noChanges: 'No contact would be updated.',
  moreChanges: (n: number) => `… and ${enNumber(n)} more updated contacts.`,
  rejectedTitle: (n: number) =>
    `The server rejects ${enNumber(n)} ${n === 1 ? 'row' : 'rows'}; nothing can be imported until they are fixed`,
  rejectedRow: (row: number, field: string, message: string) =>
    `Row ${enNumber(row)}${field ? `, ${field}` : ''}: ${message}`,
  showInGrid: 'Show in the list',
  fixInGrid: 'Fix them in the list',
  onGrid: (n: number) => `${enNumber(n)} ${n === 1 ? 'row is' : 'rows are'} marked in the list.`,
  confirm: (n: number, account: string) =>
    `Import ${enNumber(n)} ${n === 1 ? 'row' : 'rows'} into ${account}`,
  confirmNeedsCompliance: 'Confirm the GDPR/TCPA consent above to import.',
  fixLocalErrors: (n: number) =>
    `The list still has ${enNumber(n)} ${n === 1 ? 'error' : 'errors'}: fix them on the Fix step first.`,
  splitTitle: 'Rows with errors',
  splitSendClean: (clean: number, errors: number) =>
    `Send only the ${enNumber(clean)} ${clean === 1 ? 'row' : 'rows'} without errors; the ${enNumber(errors)} ${errors === 1 ? 'row' : 'rows'} with errors stay in the list for the error report`,
  splitReport: (errors: number) =>
    `Download the error report (${enNumber(errors)} ${errors === 1 ? 'row' : 'rows'})`,
  splitHelp: 'The CRM takes nothing with an error: without this, fix the errors on the Fix step first.',
  progressTitle: 'Importing',
  sending: 'Sending the rows…',
  sendingAgain: (attempt: number) =>
    `Sending again (try ${attempt}), with the same key: it will not be imported twice.`,
  queued: 'Waiting for its turn on the server…',
  phase: {
    queued: 'Waiting',
    validating: 'Checking every row',
    matching: 'Matching existing contacts',
    writing: 'Writing contacts',
    done: 'Done',
  } as Record<string, string>,
  progressOf: (done: number, total: number) => `${enNumber(done)} of ${enNumber(total)}`,
  leaveRunning: 'You can keep working on the list: the import goes on, and this step shows how it ended.',
  retryNow: 'Retry now',
  stopWaiting: 'Stop waiting',
  offlineWaiting: 'Waiting for the server. The list stays editable.',
  resultTitle: 'Import finished',
  resultFailedTitle: 'Nothing was imported',
  finishedAt: (when: string) => `Finished ${when}.`,
  uploadAgain: 'Start a new upload',
  failedUnknown: (f: UploadFailure) =>
    `The import's outcome is not known: ${f.message}. Uploading the same list again will not import it twice while this window stays open.`,
  historyTitle: 'Import history',
  historyEmpty: 'No imports into this account yet.',
  historyRefresh: 'Refresh',
  historyColumns: {
    when: 'When',
    file: 'File',
    status: 'Status',
    counts: 'Created / updated / unchanged',
    who: 'By',
  },
  status: {
    queued: 'Queued',
    processing: 'Processing',
    completed: 'Completed',
    failed: 'Failed',
    rolled_back: 'Rolled back',
    cancelled: 'Cancelled',
  } as Record<ImportStatus, string>,
  rollback: 'Roll back…',
  rollbackTitle: (id: string) => `Roll back import ${id}?`,
  rollbackConfirm: 'Roll back',
  cancel: 'Cancel',
  rolledBack: (id: string) => `Import ${id} was rolled back.`,
  headerRunning: (percent: number) => `Importing… ${percent}%`,
  headerRetrying: 'Upload waiting for the server…',
  headerDone: 'Import finished',
  headerFailed: 'Import did not finish',
  number: enNumber,
  dateTime: (iso: string) => new Date(iso).toLocaleString('en-US'),
};

export type UploadUiWords = typeof en;

const nb: UploadUiWords = {
  step: 'Last opp',
  title: 'Last opp til ClientTether',
  connectTitle: 'Koble til importserveren',
  serverAddress: 'Serveradresse',
  apiKey: 'API-nøkkel',
  apiKeyHelp:
    'Lagres på denne maskinen for denne appen; i en nettleser bare mens siden er åpen (last du inn siden på nytt, må du skrive den igjen).',
  connect: 'Koble til',
  connecting: 'Kobler til…',
  disconnect: 'Koble fra',
  connectedAs: (who, server) => `Koblet til ${server} som ${who}.`,
  unencrypted:
    'Ukryptert: vanlig http til en testserver, tillatt da ListPrep startet. Alle på nettet imellom kan lese API-nøkkelen og listen.',
  connectFailed: (f) =>
    isPolicyRefusal(f.code)
      ? f.message
      : f.kind === 'auth'
        ? 'Serveren avviste API-nøkkelen. Kopier den på nytt fra importserveren.'
        : f.kind === 'offline'
          ? `Får ikke kontakt med serveren: ${f.message}`
          : `Adressen svarte, men ikke som en ListPrep-importserver: ${f.message}`,
  account: 'Konto',
  chooseAccount: 'Velg kontoen eller underkontoen for denne listen',
  accountKind: { enterprise: 'konsern', 'sub-account': 'underkonto', standalone: 'konto' },
  loadingLookups: 'Henter kontoens lister…',
  lookupsFrom: (when, cached, stale) =>
    `Handlingsplaner, salgsløp, kilder og brukere ${cached ? `fra ${when} (lagret på denne maskinen${stale ? ', kan være utdatert; oppdateres før opplasting' : ''})` : `hentet ${when}`}.`,
  lookupsFailed: (f) => `Kunne ikke hente kontoens lister: ${f.message}`,
  lookupsApplied: 'ID-kolonnene kontrolleres nå mot kontoens lister.',
  optionsTitle: 'Valg',
  matchTitle: 'Når en kontakt finnes fra før',
  matchPrimary: 'Finn eksisterende kontakter på',
  matchSecondary: 'Deretter på',
  onMatchLabel: 'Hva et treff gjør',
  planTitle: 'Handlingsplan for alle kontaktene',
  planNone: 'Ingen valgt: radens egen, ellers standardplanen (Default Action Plan)',
  planStartsWithCall: 'starter med en samtale',
  planSends: (sends) => (sends.length ? `sender ${sends.join(' + ')}` : 'sender ingenting'),
  leadSource: 'Kilde for kontakter uten kilde',
  salesCycle: 'Salgsløpssteg for kontakter uten steg',
  firstStep: 'Første steg i kontakttypens salgsløp',
  noDefault: 'Ingen',
  unmappedTitle: 'Kolonner som ikke er koblet til et felt',
  unmappedNote: 'Behold dem på hver kontakt som et [import]-notat',
  unmappedDrop: 'Dropp dem',
  consequencesTitle: 'Hva denne opplastingen vil gjøre',
  compliance: 'Jeg bekrefter at kontaktene har samtykket til å bli kontaktet, slik GDPR og TCPA krever.',
  dryRun: 'Prøvekjøring (ingenting importeres)',
  dryRunAgain: 'Prøvekjør på nytt',
  dryRunning: 'Spør serveren hva som ville skje…',
  dryRunFailed: (f) => `Prøvekjøringen virket ikke: ${f.message}`,
  dryRunTitle: 'Prøvekjøring: hva importen ville gjøre',
  dryRunStale: 'Listen eller valgene er endret siden prøvekjøringen. Kjør den på nytt før du importerer.',
  willCreate: 'Opprettes',
  willUpdate: 'Oppdateres',
  willLeave: 'Uendret',
  willSkip: 'Hoppes over',
  rejected: 'Avvist',
  showChanges: 'Vis endringene felt for felt',
  hideChanges: 'Skjul endringene',
  changesOfRow: (row, contact) => `Rad ${nbNumber(row)} → kontakt ${contact}`,
  noChanges: 'Ingen kontakter ville blitt oppdatert.',
  moreChanges: (n) => `… og ${nbNumber(n)} oppdaterte kontakter til.`,
  rejectedTitle: (n) =>
    `Serveren avviser ${nbNumber(n)} ${n === 1 ? 'rad' : 'rader'}; ingenting kan importeres før de er rettet`,
  rejectedRow: (row, field, message) => `Rad ${nbNumber(row)}${field ? `, ${field}` : ''}: ${message}`,
  showInGrid: 'Vis i listen',
  fixInGrid: 'Rett dem i listen',
  onGrid: (n) => `${nbNumber(n)} ${n === 1 ? 'rad er' : 'rader er'} merket i listen.`,
  confirm: (n, account) => `Importer ${nbNumber(n)} ${n === 1 ? 'rad' : 'rader'} til ${account}`,
  confirmNeedsCompliance: 'Bekreft GDPR/TCPA-samtykket over for å importere.',
  fixLocalErrors: (n) =>
    `Listen har fortsatt ${nbNumber(n)} ${n === 1 ? 'feil' : 'feil'}: rett dem i Rett-steget først.`,
  splitTitle: 'Rader med feil',
  splitSendClean: (clean, errors) =>
    `Send bare ${clean === 1 ? 'raden' : `de ${nbNumber(clean)} radene`} uten feil; ${errors === 1 ? 'raden' : `de ${nbNumber(errors)} radene`} med feil blir i listen til feilrapporten`,
  splitReport: (errors) => `Last ned feilrapporten (${nbNumber(errors)} ${errors === 1 ? 'rad' : 'rader'})`,
  splitHelp: 'CRM-et tar ikke imot noe med feil: uten dette må feilene rettes i Rett-steget først.',
  progressTitle: 'Importerer',
  sending: 'Sender radene…',
  sendingAgain: (attempt) =>
    `Sender på nytt (forsøk ${attempt}) med samme nøkkel: den blir ikke importert to ganger.`,
  queued: 'Venter på tur på serveren…',
  phase: {
    queued: 'Venter',
    validating: 'Kontrollerer hver rad',
    matching: 'Finner eksisterende kontakter',
    writing: 'Skriver kontakter',
    done: 'Ferdig',
  },
  progressOf: (done, total) => `${nbNumber(done)} av ${nbNumber(total)}`,
  leaveRunning:
    'Du kan jobbe videre med listen: importen fortsetter, og dette steget viser hvordan den endte.',
  retryNow: 'Prøv igjen nå',
  stopWaiting: 'Slutt å vente',
  offlineWaiting: 'Venter på serveren. Listen kan fortsatt redigeres.',
  resultTitle: 'Importen er ferdig',
  resultFailedTitle: 'Ingenting ble importert',
  finishedAt: (when) => `Ferdig ${when}.`,
  uploadAgain: 'Start en ny opplasting',
  failedUnknown: (f) =>
    `Vi vet ikke hvordan importen endte: ${f.message}. Å laste opp den samme listen igjen importerer den ikke to ganger så lenge dette vinduet er åpent.`,
  historyTitle: 'Importhistorikk',
  historyEmpty: 'Ingen importer til denne kontoen ennå.',
  historyRefresh: 'Oppdater',
  historyColumns: {
    when: 'Når',
    file: 'Fil',
    status: 'Status',
    counts: 'Opprettet / oppdatert / uendret',
    who: 'Av',
  },
  status: {
    queued: 'I kø',
    processing: 'Behandles',
    completed: 'Fullført',
    failed: 'Mislyktes',
    rolled_back: 'Rullet tilbake',
    cancelled: 'Avbrutt',
  },
  rollback: 'Rull tilbake…',
  rollbackTitle: (id) => `Rulle tilbake import ${id}?`,
  rollbackConfirm: 'Rull tilbake',
  cancel: 'Avbryt',
  rolledBack: (id) => `Import ${id} ble rullet tilbake.`,
  headerRunning: (percent) => `Importerer… ${percent} %`,
  headerRetrying: 'Opplastingen venter på serveren…',
  headerDone: 'Importen er ferdig',
  headerFailed: 'Importen ble ikke ferdig',
  number: nbNumber,
  dateTime: (iso) => new Date(iso).toLocaleString('nb-NO'),
};

const tables: Readonly<Record<Locale, UploadUiWords>> = { en, nb };

export type UploadWords = UploadUiWords & Readonly<{ shared: SharedWords }>;

export function uploadUiWords(locale: Locale): UploadWords {
  return { ...tables[locale], shared: uploadWords(locale) };
}
