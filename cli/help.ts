// `listprep help COMMAND` and `listprep COMMAND --help`: what a command does, each option in one line, and
// examples, the way git and gh print theirs. Kept here, apart from the commands, so that asking for help
// loads no command (and none of its packages).

type Option = readonly [flags: string, explanation: string];
type CommandHelp = Readonly<{
  summary: string;
  usage: string;
  about: readonly string[];
  options: readonly Option[];
  examples: readonly string[];
}>;

const reading: readonly Option[] = [
  [
    '--sheet NAME',
    'the worksheet of an Excel file to read, by name or 1-based position (default: the first with data)',
  ],
  [
    '--encoding E',
    'the text encoding of a CSV: utf-8, utf-16le, utf-16be or windows-1252 (default: detected)',
  ],
  ['--delimiter D', 'the CSV delimiter: one character, or "tab" (default: detected among , ; tab |)'],
  ['--header-row N', 'the 1-based line (row) of the header; 0 for a file without one (default: found)'],
];

const mapping: readonly Option[] = [
  ['--mapping FILE.json', 'use this saved mapping profile instead of mapping automatically'],
  ['--ignore-profiles', 'do not use a saved profile whose headers match the file'],
  ['--date-order mdy|dmy', 'how to read dates like 03/04/2021 (default: decided per column from its values)'],
];

const lookups: Option = [
  '--lookups FILE.json',
  "the account's lists (action plans, users…) to check the ID columns against",
];
const lang: Option = ['--lang en|nb', 'the language of messages: English (default) or Norwegian Bokmål'];
const help: Option = ['-h, --help', 'show this help'];

export const commandHelp: Readonly<Record<string, CommandHelp>> = {
  check: {
    summary: 'list every problem in a contact file, worded for people',
    usage: 'listprep check FILE [options]',
    about: [
      'Maps the file onto the CRM template and checks every cell, row and duplicate. Exit 0 when there are',
      'no errors, 1 when there are (warnings alone do not fail), 2 when the call is wrong or the file unreadable.',
    ],
    options: [
      ['--json', 'print { file, issues, duplicateGroups, rows, errors, warnings } as JSON'],
      lang,
      lookups,
      ...mapping,
      [
        '--threads N',
        'threads for a large CSV (default: one below 64 MB, else the cores there are, at most 4)',
      ],
      ...reading,
      help,
    ],
    examples: [
      'listprep check contacts.csv',
      'listprep check contacts.csv --json --lang nb',
      'listprep check export.xlsx --sheet Contacts --date-order dmy',
    ],
  },
  preview: {
    summary: 'show how a file reads: encoding, delimiter, header row, first rows',
    usage: 'listprep preview FILE [options]',
    about: ['Reads the file as every other command will, and shows its first rows as a table.'],
    options: [
      ['--limit N', 'rows to show (default 10)'],
      ['--json', 'print the preview as JSON'],
      ...reading,
      help,
    ],
    examples: [
      'listprep preview export.csv',
      'listprep preview report.xlsx --sheet Contacts --limit 5 --json',
    ],
  },
  map: {
    summary: 'show which template field each column goes to, and why',
    usage: 'listprep map FILE [options]',
    about: [
      'Reads the header and the first 1,000 rows. Exit 0, or 1 when a required field has no column.',
      'A saved profile is used for files with the same headers, in any order.',
    ],
    options: [
      ['--json', 'print the mapping as JSON'],
      ['--save NAME', 'save the mapping as a profile (in $LISTPREP_CONFIG_DIR or ~/.config/listprep)'],
      ...mapping,
      ...reading,
      help,
    ],
    examples: ['listprep map export.csv', 'listprep map export.csv --save google'],
  },
  fix: {
    summary: 'apply every certain fix and write the result',
    usage: 'listprep fix FILE -o OUT.csv|OUT.xlsx [options]',
    about: [
      'Maps the file, applies only the fixes whose result is certain, writes OUT and reports each change.',
      'The source is never written. Exit 0 when written (what is left is counted), 1 when a required field',
      'has no column.',
    ],
    options: [
      ['-o, --output OUT', 'the file to write: .csv (UTF-8) or .xlsx (the template workbook)'],
      ['--json', 'print the changes as JSON'],
      lookups,
      ...mapping,
      ...reading,
      help,
    ],
    examples: [
      'listprep fix export.csv -o clean.csv',
      'listprep fix export.csv -o clean.xlsx --date-order dmy --json',
    ],
  },
  export: {
    summary: 'write the CRM import file; refuses a file with errors',
    usage: 'listprep export FILE -o OUT.xlsx|OUT.csv [options]',
    about: [
      'Writes the template workbook or a CSV. Exit 1, nothing written, when any row has an error (warnings',
      'do not block); the first errors are named.',
    ],
    options: [
      ['-o, --output OUT', 'the file to write: .xlsx (the template workbook) or .csv'],
      ['--bom', 'start the CSV with a byte order mark (for old Excel versions)'],
      [
        '--neutralize-formulas',
        "prefix ' to CSV cells starting with = + - @ (changes what the CRM receives)",
      ],
      lookups,
      lang,
      ...mapping,
      ...reading,
      help,
    ],
    examples: ['listprep export clean.csv -o import.xlsx', 'listprep export clean.csv -o import.csv --bom'],
  },
  template: {
    summary: 'write the blank template workbook',
    usage: 'listprep template -o OUT.xlsx [options]',
    about: ['The CRM template with its header notes and dropdowns, and the ID sheets filled from --lookups.'],
    options: [['-o, --output OUT.xlsx', 'the workbook to write'], lookups, lang, help],
    examples: ['listprep template -o blank.xlsx --lookups account-lookups.json'],
  },
  report: {
    summary: 'write the error report: the rows to fix, problem cells painted',
    usage: 'listprep report FILE -o OUT.xlsx [options]',
    about: [
      'The one export allowed with errors: a workbook a customer fixes in Excel; the returned file opens in',
      'ListPrep already mapped.',
    ],
    options: [
      ['-o, --output OUT.xlsx', 'the workbook to write'],
      ['--all-rows', 'hold every row, not only the rows with problems'],
      lookups,
      lang,
      ...mapping,
      ...reading,
      help,
    ],
    examples: [
      'listprep report export.csv -o to-fix.xlsx',
      'listprep report export.csv -o to-fix.xlsx --all-rows --lang nb',
    ],
  },
  upload: {
    summary: 'dry-run and import a file on the import server',
    usage: 'listprep upload FILE --server URL --account ID [options]',
    about: [
      'Maps the file like check, always dry-runs first and prints the consequences on stderr. Exit 0 imported',
      '(or a clean dry run), 1 the server rejects rows (nothing imported), 2 a bad call or an unreachable server.',
    ],
    options: [
      ['--server URL', 'the import server, e.g. http://127.0.0.1:4870'],
      ['--account ID', 'the account or sub-account to import into'],
      ['--key KEY', 'the API key (better: set LISTPREP_API_KEY, which the process list does not show)'],
      ['--dry-run', 'stop after the dry run'],
      ['-y, --yes', 'import without asking (required when not on a terminal)'],
      ['--json', 'print the outcome as JSON'],
      ['--match KEY[,SECOND]', 'duplicate key: email, phone, external_id, two-of-name-phone-email or none'],
      ['--on-match MODE', 'what a match does: overwrite, fill-blanks, skip or create'],
      ['--action-plan ID', 'the action plan new contacts enter'],
      ['--lead-source ID', 'the lead source of new contacts'],
      ['--sales-cycle ID', 'the sales cycle step of new contacts'],
      ['--unmapped note|drop', 'where unmapped columns go: an [import] note, or nowhere'],
      [
        '--consent-confirmed',
        'the contacts agreed to be contacted (GDPR/TCPA); required with emails or texting',
      ],
      lang,
      ...mapping.filter(([flags]) => !flags.startsWith('--date-order')),
      ...reading,
      help,
    ],
    examples: [
      'listprep upload leads.csv --server http://127.0.0.1:4870 --account 2 --dry-run',
      'listprep upload leads.csv --server http://127.0.0.1:4870 --account 2 --consent-confirmed --yes --json',
    ],
  },
};

/** The help of one command: summary, usage, what it does, one line per option, examples. */
export function formatCommandHelp(name: string): string {
  const help = commandHelp[name];
  const width = Math.max(...help.options.map(([flags]) => flags.length));
  return [
    `listprep ${name}: ${help.summary}`,
    '',
    `usage: ${help.usage}`,
    '',
    ...help.about,
    '',
    'options:',
    ...help.options.map(([flags, explanation]) => `  ${flags.padEnd(width)}  ${explanation}`),
    '',
    'examples:',
    ...help.examples.map((example) => `  ${example}`),
    '',
  ].join('\n');
}

/** `listprep help`: every command in one line each. */
export function formatOverview(): string {
  const names = Object.keys(commandHelp);
  const width = Math.max(...names.map((n) => n.length));
  return [
    'listprep: get a messy contact list into a CRM on the first try',
    '',
    'usage: listprep COMMAND FILE [options]',
    '',
    'commands:',
    ...names.map((name) => `  ${name.padEnd(width)}  ${commandHelp[name].summary}`),
    '',
    "listprep help COMMAND (or listprep COMMAND --help) shows a command's options and examples.",
    'listprep --version shows the version.',
    '',
  ].join('\n');
}
