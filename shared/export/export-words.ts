import type { LookupList } from '../template';
import type { DuplicateMatch, IssueCode, Locale, Severity } from '../validate';
import { problemsHeaders } from './report-headers';

/** Every sentence the exported files say to people, in each language. Written for non-technical readers. */
export type ExportWords = Readonly<{
  instructionsTitle: (crm: string) => string;
  instructionsIntro: (p: {
    crm: string;
    dataSheet: string;
    required: readonly string[];
    /** The groups' key identifiers (Configio): which keys, whether one is enough, and when they apply. */
    keys: readonly Readonly<{ group: string; keys: readonly string[]; any: boolean; always: boolean }>[];
    allOrNothing: boolean;
  }) => string[];
  instructionsColumns: readonly [string, string, string, string];
  required: string;
  statesColumns: readonly [string, string, string];
  country: Readonly<Record<'US' | 'CA', string>>;
  postalColumns: readonly [string, string, string];
  postalRows: readonly (readonly [string, string, string])[];
  dateColumns: readonly [string, string, string];
  dateRows: readonly (readonly [string, string, string])[];
  idColumns: readonly [string, string];
  countryColumns: readonly [string, string];
  idUnknown: (list: LookupList) => readonly string[];
  listWord: Readonly<Record<LookupList, string>>;
  dropdownErrorTitle: string;
  dropdownError: (allowed: string) => string;
  reportDataSheet: string;
  reportSummarySheet: string;
  problemsHeader: string;
  problemsNote: string;
  summaryTitle: string;
  summaryLines: (p: {
    sourceRows?: number;
    reportRows: number;
    allRows: boolean;
    errors: number;
    warnings: number;
  }) => string[];
  summaryColumns: readonly [string, string, string, string, string];
  noProblems: string;
  /** The duplicate groups, each described once on the summary sheet. */
  groupsTitle: (groups: number, shown: number) => string;
  groupsColumns: readonly [string, string, string, string];
  groupMatch: Readonly<Record<DuplicateMatch, string>>;
  suggested: (value: string) => string;
  severity: Readonly<Record<Severity, string>>;
  problemKind: Readonly<Record<IssueCode, string>>;
  refusal: (p: { errors: number; rows: number; warnings: number }) => string;
}>;

const en: ExportWords = {
  instructionsTitle: (crm) => `How to fill in this ${crm} import file`,
  instructionsIntro: ({ crm, dataSheet, required, keys, allOrNothing }) => [
    `Put one contact per row on the "${dataSheet}" sheet, starting in row 2.`,
    `Do not change, move or delete the column headers in row 1: ${crm} finds each column by its exact header.`,
    required.length
      ? `Only ${required.join(' and ')} must be filled in. Leave a cell empty when you do not know the value.`
      : 'Leave a cell empty when you do not know the value.',
    ...keys.map((k) =>
      k.any
        ? `${k.always ? 'Every row' : `A row with ${k.group} data`} needs at least one of ${k.keys.join(', ')}: ${crm} uses these keys to tell a new ${k.group} from one it already has.`
        : `${k.always ? 'Every row' : `A row with ${k.group} data`} needs ${k.keys.join(' and ')}: without them ${crm} cannot create the ${k.group}.`,
    ),
    'Hover over a header to see how to fill that column. Cells with a small arrow offer a list to choose from.',
    allOrNothing
      ? `If any row has a mistake, ${crm} imports nothing at all. Check the file with ListPrep before you upload it.`
      : `${crm} may leave out values it cannot read. Check the file with ListPrep before you import it.`,
  ],
  instructionsColumns: ['Column', 'What it means', 'How to fill it', 'Required'],
  required: 'Yes',
  statesColumns: ['Code', 'Name', 'Country'],
  country: { US: 'United States', CA: 'Canada' },
  postalColumns: ['Write it like this', 'Example', 'Used for'],
  postalRows: [
    ['12345', '02134', 'US ZIP code: 5 digits. Keep the zeros at the start.'],
    ['12345-6789', '90210-1234', 'US ZIP+4 code: 5 digits, a dash, 4 digits.'],
    ['12345-6789-01', '90210-1234-01', 'US ZIP+4 with the 2-digit delivery point.'],
    ['A1A 1A1', 'K1A 0B1', 'Canadian postal code: capital letters, one space in the middle.'],
  ],
  dateColumns: ['Written like this', 'Accepted?', 'Write it like this instead'],
  dateRows: [
    ['2021-03-04', 'Yes: 4 March 2021 (year, month, day)', ''],
    ['2021-3-4', 'No: the month and the day need two digits', '2021-03-04'],
    ['03/04/2021', 'No: slashes, and the order is unclear', '2021-03-04 for 4 March, 2021-04-03 for 3 April'],
    ['March 4, 2021', 'No: words are not accepted', '2021-03-04'],
    ['2021-02-30', 'No: there is no 30 February', 'a real date, such as 2021-02-28'],
  ],
  idColumns: ['ID', 'Name'],
  countryColumns: ['Code', 'Country'],
  idUnknown: (list) => [
    `ListPrep does not know this account's ${en.listWord[list]} yet, so they are not listed here.`,
    whereToFind.en[list],
    `To have them listed here with a dropdown in the ID column, load the account's lists in ListPrep and export again.`,
  ],
  listWord: {
    actionPlans: 'action plans',
    salesCycles: 'sales cycle steps',
    leadSources: 'lead sources',
    users: 'users',
    countries: 'countries',
    states: 'states',
    leadStatuses: 'lead statuses',
    communicationTypes: 'communication types',
    opportunityStages: 'opportunity stages',
  },
  dropdownErrorTitle: 'Not in the list',
  dropdownError: (allowed) => `Choose one of: ${allowed}`,
  reportDataSheet: 'Rows to fix',
  reportSummarySheet: 'Summary',
  problemsHeader: problemsHeaders.en,
  problemsNote:
    'What was wrong when this report was made. Fix the coloured cells; you may leave this column as it is. ListPrep ignores it when the file is opened again.',
  summaryTitle: 'Problems found by ListPrep',
  summaryLines: ({ sourceRows, reportRows, allRows, errors, warnings }) => [
    ...(sourceRows === undefined ? [] : [`Rows in the original file: ${sourceRows}`]),
    allRows
      ? `Rows on the "Rows to fix" sheet: ${reportRows} (all rows)`
      : `Rows with problems, on the "Rows to fix" sheet: ${reportRows}`,
    `Errors (must be fixed before import): ${errors}`,
    `Warnings (worth a look, do not block the import): ${warnings}`,
    'Red cells are errors, yellow cells are warnings; hover over a cell to read what is wrong.',
    'Row numbers in the messages are the row numbers Excel shows on the left.',
    'Fix the cells, save the file and send it back, or open it in ListPrep to check what is still wrong.',
  ],
  summaryColumns: ['Column', 'Column name', 'Problem', 'Kind', 'Cells'],
  noProblems: 'No problems found.',
  groupsTitle: (groups, shown) =>
    groups > shown
      ? `Duplicate groups: ${groups} (the ${shown} largest are listed)`
      : `Duplicate groups: ${groups}`,
  groupsColumns: ['Column', 'What the rows share', 'Rows', 'First rows'],
  groupMatch: {
    value: 'The same value',
    namePhone: 'The same name and phone',
    emailPhone: 'The same email and phone',
    nameEmail: 'The same name and email',
  },
  suggested: (value) => `Suggested: "${value}".`,
  severity: { error: 'Error', warning: 'Warning' },
  problemKind: {
    'required.missing': 'Missing, but required',
    'text.whitespace': 'Spaces at the start or end',
    'phone.digits': 'Not 10 digits',
    'flag.value': 'Not 1 or 0',
    'email.format': 'Not an email address',
    'email.tooLong': 'Email address too long',
    'email.duplicate': 'Same email as another row',
    'value.duplicate': 'Same value as another row',
    'state.unknown': 'Not a state or province code',
    'postal.format': 'Not a ZIP or postal code',
    'date.format': 'Date not written as YYYY-MM-DD',
    'date.invalid': 'Not a real date',
    'whole.format': 'Not a whole number',
    'whole.tooLarge': 'Number too large',
    'choice.value': 'Not one of the allowed values',
    'id.format': 'Not an ID number',
    'id.unknown': 'ID not in this account',
    'tags.empty': 'Empty tag',
    'contact.likelyDuplicate': 'Looks like another contact',
    'value.excelError': 'Spreadsheet error, not a value',
    'cell.tooLong': 'More than 32,767 characters',
    'text.control': 'Control characters',
    'text.invisible': 'Invisible characters inside',
    'email.mixedScript': 'Letters of different alphabets',
    'phone.international': 'Not an international phone number',
    'postal.norway': 'Not a Norwegian postcode',
    'country.unknown': 'Not a country code',
    'optIn.value': 'Not an opt-in word',
    'list.unknown': 'Not one of the list items',
    'keys.noneFilled': 'No key identifier',
    'group.keyMissing': 'Key identifier missing',
  },
  refusal: ({ errors, rows, warnings }) =>
    `Not exported: ${errors} ${errors === 1 ? 'error' : 'errors'} in ${rows} ${rows === 1 ? 'row' : 'rows'} must be fixed first` +
    `${warnings ? ` (${warnings} ${warnings === 1 ? 'warning does' : 'warnings do'} not block the export)` : ''}.` +
    ' An error report lists them in a workbook you can fix in Excel.',
};

const nb: ExportWords = {
  instructionsTitle: (crm) => `Slik fyller du ut denne importfilen for ${crm}`,
  instructionsIntro: ({ crm, dataSheet, required, keys, allOrNothing }) => [
    `Skriv én kontakt per rad på arket «${dataSheet}», fra rad 2.`,
    `Ikke endre, flytt eller slett kolonneoverskriftene i rad 1: ${crm} finner hver kolonne på den nøyaktige overskriften.`,
    required.length
      ? `Bare ${required.join(' og ')} må fylles ut. La cellen stå tom når du ikke vet verdien.`
      : 'La cellen stå tom når du ikke vet verdien.',
    ...keys.map((k) =>
      k.any
        ? `${k.always ? 'Hver rad' : `En rad med data for ${k.group.toLowerCase()}`} trenger minst én av ${k.keys.join(', ')}: ${crm} bruker disse nøklene til å skille nye fra dem den allerede har.`
        : `${k.always ? 'Hver rad' : `En rad med data for ${k.group.toLowerCase()}`} trenger ${k.keys.join(' og ')}: uten dem kan ikke ${crm} opprette den.`,
    ),
    'Hold musen over en overskrift for å se hvordan kolonnen fylles ut. Celler med en liten pil har en liste å velge fra.',
    allOrNothing
      ? `Har én rad en feil, importerer ${crm} ingenting. Sjekk filen i ListPrep før du laster den opp.`
      : `${crm} kan utelate verdier den ikke kan lese. Sjekk filen i ListPrep før du importerer den.`,
  ],
  instructionsColumns: ['Kolonne', 'Hva den betyr', 'Slik fyller du den ut', 'Påkrevd'],
  required: 'Ja',
  statesColumns: ['Kode', 'Navn', 'Land'],
  country: { US: 'USA', CA: 'Canada' },
  postalColumns: ['Skriv det slik', 'Eksempel', 'Brukes for'],
  postalRows: [
    ['12345', '02134', 'Amerikansk ZIP-kode: 5 sifre. Behold nullene først.'],
    ['12345-6789', '90210-1234', 'Amerikansk ZIP+4: 5 sifre, bindestrek, 4 sifre.'],
    ['12345-6789-01', '90210-1234-01', 'Amerikansk ZIP+4 med 2-sifret leveringspunkt.'],
    ['A1A 1A1', 'K1A 0B1', 'Kanadisk postnummer: store bokstaver, ett mellomrom i midten.'],
  ],
  dateColumns: ['Skrevet slik', 'Godtatt?', 'Skriv det slik i stedet'],
  dateRows: [
    ['2021-03-04', 'Ja: 4. mars 2021 (år, måned, dag)', ''],
    ['2021-3-4', 'Nei: måned og dag må ha to sifre', '2021-03-04'],
    [
      '03/04/2021',
      'Nei: skråstreker, og rekkefølgen er uklar',
      '2021-03-04 for 4. mars, 2021-04-03 for 3. april',
    ],
    ['4. mars 2021', 'Nei: ord godtas ikke', '2021-03-04'],
    ['2021-02-30', 'Nei: 30. februar finnes ikke', 'en ekte dato, som 2021-02-28'],
  ],
  idColumns: ['ID', 'Navn'],
  countryColumns: ['Kode', 'Land'],
  idUnknown: (list) => [
    `ListPrep kjenner ikke kontoens ${nb.listWord[list]} ennå, så de står ikke her.`,
    whereToFind.nb[list],
    'For å få dem listet her, med nedtrekksliste i ID-kolonnen, last inn kontoens lister i ListPrep og eksporter på nytt.',
  ],
  listWord: {
    actionPlans: 'handlingsplaner',
    salesCycles: 'salgssyklustrinn',
    leadSources: 'leadkilder',
    users: 'brukere',
    countries: 'land',
    states: 'delstater',
    leadStatuses: 'leadstatuser',
    communicationTypes: 'kommunikasjonstyper',
    opportunityStages: 'mulighetsfaser',
  },
  dropdownErrorTitle: 'Ikke i listen',
  dropdownError: (allowed) => `Velg en av: ${allowed}`,
  reportDataSheet: 'Rader å rette',
  reportSummarySheet: 'Sammendrag',
  problemsHeader: problemsHeaders.nb,
  problemsNote:
    'Hva som var feil da rapporten ble laget. Rett de fargede cellene; denne kolonnen kan stå som den er. ListPrep ser bort fra den når filen åpnes igjen.',
  summaryTitle: 'Problemer ListPrep fant',
  summaryLines: ({ sourceRows, reportRows, allRows, errors, warnings }) => [
    ...(sourceRows === undefined ? [] : [`Rader i originalfilen: ${sourceRows}`]),
    allRows
      ? `Rader på arket «Rader å rette»: ${reportRows} (alle rader)`
      : `Rader med problemer, på arket «Rader å rette»: ${reportRows}`,
    `Feil (må rettes før import): ${errors}`,
    `Advarsler (verdt å se på, stopper ikke importen): ${warnings}`,
    'Røde celler er feil, gule celler er advarsler; hold musen over en celle for å lese hva som er galt.',
    'Radnumrene i meldingene er radnumrene Excel viser til venstre.',
    'Rett cellene, lagre filen og send den tilbake, eller åpne den i ListPrep for å se hva som fortsatt er galt.',
  ],
  summaryColumns: ['Kolonne', 'Kolonnenavn', 'Problem', 'Type', 'Celler'],
  noProblems: 'Ingen problemer funnet.',
  groupsTitle: (groups, shown) =>
    groups > shown
      ? `Grupper av like rader: ${groups} (de ${shown} største er listet)`
      : `Grupper av like rader: ${groups}`,
  groupsColumns: ['Kolonne', 'Hva radene har felles', 'Rader', 'Første rader'],
  groupMatch: {
    value: 'Samme verdi',
    namePhone: 'Samme navn og telefon',
    emailPhone: 'Samme e-post og telefon',
    nameEmail: 'Samme navn og e-post',
  },
  suggested: (value) => `Forslag: «${value}».`,
  severity: { error: 'Feil', warning: 'Advarsel' },
  problemKind: {
    'required.missing': 'Mangler, men er påkrevd',
    'text.whitespace': 'Mellomrom først eller sist',
    'phone.digits': 'Ikke 10 sifre',
    'flag.value': 'Ikke 1 eller 0',
    'email.format': 'Ikke en e-postadresse',
    'email.tooLong': 'E-postadressen er for lang',
    'email.duplicate': 'Samme e-post som en annen rad',
    'value.duplicate': 'Samme verdi som en annen rad',
    'state.unknown': 'Ikke en delstats- eller provinskode',
    'postal.format': 'Ikke et postnummer',
    'date.format': 'Dato ikke skrevet som ÅÅÅÅ-MM-DD',
    'date.invalid': 'Ikke en ekte dato',
    'whole.format': 'Ikke et heltall',
    'whole.tooLarge': 'For stort tall',
    'choice.value': 'Ikke en av de tillatte verdiene',
    'id.format': 'Ikke et ID-nummer',
    'id.unknown': 'ID-en finnes ikke i kontoen',
    'tags.empty': 'Tom tagg',
    'contact.likelyDuplicate': 'Ligner en annen kontakt',
    'value.excelError': 'Regnearkfeil, ikke en verdi',
    'cell.tooLong': 'Mer enn 32 767 tegn',
    'text.control': 'Kontrolltegn',
    'text.invisible': 'Usynlige tegn inni',
    'email.mixedScript': 'Bokstaver fra ulike alfabeter',
    'phone.international': 'Ikke et internasjonalt telefonnummer',
    'postal.norway': 'Ikke et norsk postnummer',
    'country.unknown': 'Ikke en landkode',
    'optIn.value': 'Ikke et påmeldingsord',
    'list.unknown': 'Ikke et av listeelementene',
    'keys.noneFilled': 'Ingen nøkkelidentifikator',
    'group.keyMissing': 'Nøkkelidentifikator mangler',
  },
  refusal: ({ errors, rows, warnings }) =>
    `Ikke eksportert: ${errors} feil på ${rows} ${rows === 1 ? 'rad' : 'rader'} må rettes først` +
    `${warnings ? ` (${warnings} ${warnings === 1 ? 'advarsel' : 'advarsler'} stopper ikke eksporten)` : ''}.` +
    ' En feilrapport viser dem i en arbeidsbok du kan rette i Excel.',
};

// Where people find each list in the CRM that has it: ClientTether's account settings (source 003) and
// Configio's Settings and list items (source 004).
const whereToFind: Readonly<Record<Locale, Readonly<Record<LookupList, string>>>> = {
  en: {
    countries: 'In Configio the countries are in Settings -> Setup -> Countries and States.',
    states: 'In Configio the states are in Settings -> Setup -> Countries and States.',
    leadStatuses: "In Configio, look at an existing lead's Lead Status list.",
    communicationTypes: "In Configio, look at an existing lead's Communication Type list.",
    opportunityStages: "In Configio, look at an existing lead's Opportunity Stage list.",
    actionPlans: 'To find an ID: in ClientTether, open Settings, then Action Plans; each plan shows its ID.',
    salesCycles: 'To find an ID: in ClientTether, open Settings, then Sales Cycle; each step shows its ID.',
    leadSources:
      'To find an ID: in ClientTether, open Settings, then Lead Sources; each source shows its ID.',
    users: "A user's ID is a set number: ask your ClientTether customer success manager (CSM) for it.",
  },
  nb: {
    countries: 'I Configio står landene under Settings -> Setup -> Countries and States.',
    states: 'I Configio står delstatene under Settings -> Setup -> Countries and States.',
    leadStatuses: 'I Configio, se listen Lead Status på et eksisterende lead.',
    communicationTypes: 'I Configio, se listen Communication Type på et eksisterende lead.',
    opportunityStages: 'I Configio, se listen Opportunity Stage på et eksisterende lead.',
    actionPlans:
      'Slik finner du en ID: i ClientTether, åpne Settings og så Action Plans; hver plan viser sin ID.',
    salesCycles:
      'Slik finner du en ID: i ClientTether, åpne Settings og så Sales Cycle; hvert trinn viser sin ID.',
    leadSources:
      'Slik finner du en ID: i ClientTether, åpne Settings og så Lead Sources; hver kilde viser sin ID.',
    users: 'En brukers ID er et fast nummer: spør kundeansvarlig (CSM) i ClientTether om det.',
  },
};

export const exportWords: Readonly<Record<Locale, ExportWords>> = { en, nb };
