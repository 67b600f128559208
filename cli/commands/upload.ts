import { randomUUID } from 'node:crypto';
import { basename, extname } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
  type Account,
  type CustomField,
  type DryRun,
  type ImportJob,
  type MatchKey,
  matchKeys,
  type OnMatch,
  onMatchModes,
  type RowIssue,
} from '../../shared/api';
import { type UploadRequest, uploadRequestOf } from '../../shared/list';
import { type PlannedColumn, planColumns, plannedValues } from '../../shared/mapping';
import { clientTether, targetName } from '../../shared/template';
import type { Locale } from '../../shared/validate';
import {
  ApiClient,
  cliRetryPolicy,
  consequencesOf,
  defaultChoices,
  describeConsequences,
  fetchTransport,
  type ImportProgress,
  isPlausibleApiKey,
  prepareUpload,
  runImport,
  rejectedRows,
  type ServerAddress,
  serverAddressOf,
  type UploadChoices,
  type UploadFailure,
  uploadWords,
  withRetry,
} from '../../shared/upload';
import { isSameFile } from '../../node-shared/same-file';
import { UsageError } from '../errors';
import { namedTarget } from '../target';
import { readMappedSheet } from '../mapped-sheet';
import { mappingOptionSpecs, sheetOptionSpecs, sheetReadOptions } from './map';

export const uploadUsage =
  'listprep upload FILE --server URL --account ID [--key KEY | env LISTPREP_API_KEY] [--insecure-http] [--dry-run] [--yes] [--json] [--match KEY[,SECOND]] [--on-match overwrite|fill-blanks|skip|create] [--action-plan ID] [--lead-source ID] [--sales-cycle ID] [--unmapped note|drop] [--consent-confirmed] [--split-errors REPORT.xlsx] [--lang en|nb] [--mapping PROFILE.json] [--ignore-profiles] [--sheet NAME] [--encoding E] [--delimiter D] [--header-row N]';

/** Exit codes: 0 imported (or a clean dry run), 1 the server rejects rows (nothing imported), 2 bad call. */
const exitRejected = 1;

/** A failure that ends the command with one line and exit 2 (the call, the key, the server). */
class CallFailure extends UsageError {}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type Args = Readonly<{
  file: string;
  /** Accepted by the transport policy: https, plain http on this computer, or with --insecure-http. */
  address: ServerAddress;
  apiKey: string;
  accountId: string;
  dryRun: boolean;
  yes: boolean;
  json: boolean;
  choices: UploadChoices;
  read: ReturnType<typeof sheetReadOptions>;
  mappingFile?: string;
  useSavedProfiles: boolean;
  /** Send only the rows without errors; the rows with errors go to this error report. */
  splitErrors?: string;
}>;

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

function idOption(name: string, value: string | undefined): string | null {
  if (value === undefined) return null;
  if (!/^[1-9][0-9]{0,17}$/.test(value))
    throw new UsageError(`--${name} must be an ID (a whole number), not "${value}"`);
  return value;
}

/** The origin --insecure-http allows plain http to: the --server's own, nothing wider. */
function originOf(serverUrl: string): string {
  try {
    return new URL(serverUrl.trim()).origin;
  } catch {
    return ''; // not an address: the policy refuses it with its own words
  }
}

function parseUploadArgs(args: string[], env: NodeJS.ProcessEnv): Args {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      server: { type: 'string' },
      'insecure-http': { type: 'boolean', default: false },
      key: { type: 'string' },
      account: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      json: { type: 'boolean', default: false },
      match: { type: 'string', default: 'email' },
      'on-match': { type: 'string', default: defaultChoices.onMatch },
      'action-plan': { type: 'string' },
      'lead-source': { type: 'string' },
      'sales-cycle': { type: 'string' },
      unmapped: { type: 'string', default: defaultChoices.unmappedColumns },
      'consent-confirmed': { type: 'boolean', default: false },
      'split-errors': { type: 'string' },
      lang: { type: 'string', default: 'en' },
      ...mappingOptionSpecs,
      ...sheetOptionSpecs,
    },
  });
  if (positionals.length !== 1) throw new UsageError(`usage: ${uploadUsage}`);
  // The import server is ClientTether's: a list for another CRM is exported as that CRM's file instead.
  const { template } = namedTarget(values);
  if (!template.upload) {
    throw new UsageError(
      `the import server takes ClientTether lists only; ${template.crm} imports a file: listprep export ${positionals[0]} --target ${targetName(template)} -o OUT.${template.export.formats[0]}`,
    );
  }
  const serverUrl = values.server;
  if (!serverUrl)
    throw new UsageError('--server is required (the import server, e.g. https://import.example.com)');
  // Decided before the file is read or anything is sent (shared/upload/transport-policy.ts).
  const address = serverAddressOf(serverUrl, {
    insecureHttpTo: values['insecure-http'] ? [originOf(serverUrl)] : [],
    howToAllowInsecure: 'For a lab server you trust, add --insecure-http.',
  });
  if (!address.ok) throw new UsageError(`--server: ${address.error.message}`);
  // The key may come from the environment so that it never shows in the shell history or the process list.
  const apiKey = values.key ?? env.LISTPREP_API_KEY ?? '';
  if (!apiKey) throw new UsageError('an API key is required: --key KEY, or set LISTPREP_API_KEY');
  if (!isPlausibleApiKey(apiKey))
    throw new UsageError('that is not an API key (8 or more visible ASCII characters, no spaces)');
  const accountId = idOption('account', values.account);
  if (!accountId)
    throw new UsageError('--account is required (the account or sub-account ID to import into)');
  const [primary, secondary = 'none', ...extra] = values.match.split(',').map((s) => s.trim());
  if (extra.length) throw new UsageError('--match takes at most two keys: primary,secondary');
  const lang = oneOf<Locale>('lang', values.lang, ['en', 'nb']);
  return {
    file: positionals[0],
    address: address.value,
    apiKey,
    accountId,
    dryRun: values['dry-run'],
    yes: values.yes,
    json: values.json,
    choices: {
      primaryKey: oneOf<MatchKey>('match', primary, matchKeys),
      secondaryKey: oneOf<MatchKey>('match', secondary, matchKeys),
      onMatch: oneOf<OnMatch>('on-match', values['on-match'], onMatchModes),
      actionPlanId: idOption('action-plan', values['action-plan']),
      leadSourceId: idOption('lead-source', values['lead-source']),
      salesCycleId: idOption('sales-cycle', values['sales-cycle']),
      unmappedColumns: oneOf('unmapped', values.unmapped, ['note', 'drop'] as const),
      complianceConfirmed: values['consent-confirmed'],
      locale: lang,
    },
    read: sheetReadOptions(values),
    mappingFile: values.mapping,
    useSavedProfiles: !values['ignore-profiles'],
    splitErrors: splitErrorsOption(values['split-errors']),
  };
}

function splitErrorsOption(path: string | undefined): string | undefined {
  if (path !== undefined && extname(path).toLowerCase() !== '.xlsx')
    throw new UsageError('--split-errors writes the error report, a workbook: use an .xlsx file');
  return path;
}

/** The file as the app sends a list: the list engine's column plan and its upload request. */
type ListToSend = Readonly<{ name: string; request: UploadRequest }>;

/**
 * Reads the file into the columns the app's list has (mapped template fields, custom fields, `[import]` note
 * columns: shared/mapping's column plan with the account's custom fields) and makes the upload request the app
 * makes (shared/list), so the server applies --unmapped (note or drop) exactly as it does for the app.
 */
async function readListToSend(
  args: Args,
  customFields: readonly CustomField[],
  /** Rows to leave out (1), by their place in the file: the rows with errors of a split. */
  leaveOut: Uint8Array | null = null,
): Promise<ListToSend> {
  let planned: PlannedColumn[] | null = null;
  const rows: string[][] = [];
  let read = 0;
  await readMappedSheet(
    args.file,
    {
      template: clientTether,
      read: args.read,
      mappingFile: args.mappingFile,
      useSavedProfiles: args.useSavedProfiles,
    },
    {
      onReady: (ready) => {
        const targets = ready.mapping.columns.map((c) => c.target);
        planned = planColumns(clientTether, ready.headers, targets, customFields);
        for (const c of planned) {
          if (c.kind === 'custom' && !c.custom) {
            process.stderr.write(
              `listprep upload: the account has no custom field "${c.header}"; the column is sent unmapped (--unmapped decides)\n`,
            );
          }
        }
      },
      onRow: (_values, source) => {
        const id = read++;
        if (planned && !leaveOut?.[id]) rows.push(plannedValues(planned, source));
      },
    },
  );
  if (leaveOut && read !== leaveOut.length)
    throw new CallFailure(`${args.file}: the file changed while it was read; nothing was sent`);
  const columns: PlannedColumn[] = planned ?? [];
  if (!columns.some((c) => c.kind === 'field' && c.source !== null))
    throw new CallFailure(`${args.file}: no column matches a template field`);
  const request = uploadRequestOf(
    { columns, count: rows.length, key: (i) => i, cell: (i, col) => rows[i][col], row: (i) => rows[i] },
    0,
  );
  return { name: basename(args.file), request };
}

function failLine(what: string, failure: UploadFailure): CallFailure {
  return new CallFailure(
    `${what}: ${failure.message}${failure.status ? ` (${failure.status} ${failure.code})` : ''}`,
  );
}

/** Who the key belongs to and whether it reaches the account: exit 2 when not. */
async function connect(client: ApiClient, args: Args): Promise<Account> {
  const me = await client.me();
  if (!me.ok) {
    if (me.failure.kind === 'auth')
      throw new CallFailure(`the server refused the API key: ${me.failure.message}`);
    throw failLine(`cannot use ${args.address.base}`, me.failure);
  }
  const account = me.value.accounts.find((a) => a.id === args.accountId);
  if (!account) {
    throw new CallFailure(
      `account ${args.accountId} is not reachable with this key; it reaches ${me.value.accounts.map((a) => `${a.id} (${a.name})`).join(', ')}`,
    );
  }
  return account;
}

function progressPrinter(words: ReturnType<typeof uploadWords>) {
  let last = '';
  return (p: ImportProgress) => {
    let line = '';
    if (p.step === 'sending')
      line = p.attempt === 1 ? 'sending the rows…' : `sending again (try ${p.attempt})…`;
    else if (p.step === 'retrying')
      line = words.retrying(p.attempt, Math.round(p.delayMs / 1000), p.accepted);
    else {
      const { phase, done, total } = p.job.progress;
      const percent = total > 0 ? Math.floor((done / total) * 10) * 10 : 0;
      line = `import ${p.job.id}: ${p.job.status}, ${phase} ${percent}%`;
    }
    if (line === last) return;
    last = line;
    process.stderr.write(`${line}\n`);
  };
}

function issueJson(list: ListToSend, issue: RowIssue) {
  return {
    row: issue.row,
    column: list.request.headers[issue.column] ?? '',
    field: issue.field,
    code: issue.code,
    severity: issue.severity,
    value: issue.value,
    message: issue.message,
  };
}

function printRejections(list: ListToSend, issues: readonly RowIssue[]): void {
  const rows = rejectedRows(issues);
  process.stderr.write(
    `The server rejects ${rows.length} ${rows.length === 1 ? 'row' : 'rows'}; nothing was imported:\n`,
  );
  for (const issue of issues.filter((i) => i.severity === 'error').slice(0, 20)) {
    process.stderr.write(
      `  row ${issue.row}, ${list.request.headers[issue.column] ?? issue.field}: ${issue.message}\n`,
    );
  }
  if (issues.length > 20)
    process.stderr.write(`  … and ${issues.length - 20} more (--json lists them all)\n`);
}

function countsLine(c: DryRun['counts']): string {
  return `${c.created} to create, ${c.updated} to update, ${c.unchanged} unchanged, ${c.skipped} skipped, ${c.errors} rejected (of ${c.processed} rows)`;
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

function jobJson(job: ImportJob) {
  return {
    id: job.id,
    status: job.status,
    reason: job.reason,
    createdAt: job.createdAt,
    finishedAt: job.finishedAt,
    attempts: job.attempts,
  };
}

/**
 * `listprep upload`: sends a contact file to the import server the way the app does. It always dry-runs
 * first and shows what the import will set off (Default Action Plan messages, immediate calls, consent);
 * with --dry-run it stops there. The import carries one idempotency key on every retry, so a dropped
 * connection never imports twice. Progress goes to stderr; the counts and per-row outcomes to stdout.
 */
export async function runUpload(args: string[]): Promise<number> {
  const parsed = parseUploadArgs(args, process.env);
  const words = uploadWords(parsed.choices.locale);
  if (parsed.address.unencrypted) {
    process.stderr.write(
      `listprep upload: warning: the API key and the list go unencrypted to ${parsed.address.host} (--insecure-http)\n`,
    );
  }
  const client = new ApiClient(fetchTransport({ address: parsed.address, apiKey: parsed.apiKey, fetch }));
  const account = await connect(client, parsed);
  const lookups = await withRetry(() => client.lookups(account.id), { policy: cliRetryPolicy, sleep });
  if (!lookups.ok) throw failLine("cannot read the account's lookups", lookups.failure);
  if (parsed.splitErrors !== undefined && (await isSameFile(parsed.file, parsed.splitErrors)))
    throw new UsageError(`${parsed.splitErrors}: that is the source file, which is never written`);
  // Loaded for a split only: the checker and the report writer are the export's.
  const leaveOut =
    parsed.splitErrors === undefined
      ? null
      : await (await import('./upload-split')).splitOffErrors(
          { ...parsed, reportPath: parsed.splitErrors, locale: parsed.choices.locale },
          lookups.value,
          account.name,
        );
  const list = await readListToSend(parsed, lookups.value.customFields, leaveOut);
  if (leaveOut && list.request.facts.rows === 0) {
    process.stderr.write(`Nothing sent: every row has an error (see ${parsed.splitErrors}).\n`);
    return exitRejected;
  }
  const request = list.request.encode(parsed.choices, list.name);
  process.stderr.write(
    `${list.request.facts.rows} rows from ${list.name} to ${account.name} (${account.id}); dry run…\n`,
  );

  const dry = await withRetry(() => client.dryRun(account.id, request), {
    policy: cliRetryPolicy,
    sleep,
    onRetry: (n) =>
      process.stderr.write(`${words.retrying(n.attempt, Math.round(n.delayMs / 1000), false)}\n`),
  });
  if (!dry.ok) throw failLine('the dry run was refused', dry.failure);
  const dryRun = dry.value;
  process.stderr.write(`Dry run: ${countsLine(dryRun.counts)}\n`);
  const consequences = consequencesOf(list.request.facts, lookups.value, parsed.choices, dryRun);
  for (const line of describeConsequences(consequences, parsed.choices.locale))
    process.stderr.write(`${line.kind === 'warning' ? 'warning: ' : ''}${line.text}\n`);

  const base = {
    file: parsed.file,
    server: parsed.address.base,
    account: { id: account.id, name: account.name },
    rowsSent: list.request.facts.rows,
    warnings: dryRun.warnings,
  };
  const print = (value: object, text: string) =>
    process.stdout.write(parsed.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`);

  if (dryRun.counts.errors > 0) {
    printRejections(list, dryRun.issues);
    print(
      {
        ...base,
        dryRun: true,
        imported: false,
        counts: dryRun.counts,
        issues: dryRun.issues.map((i) => issueJson(list, i)),
      },
      `Nothing imported: ${dryRun.counts.errors} rows rejected.`,
    );
    return exitRejected;
  }
  if (parsed.dryRun) {
    print(
      {
        ...base,
        dryRun: true,
        imported: false,
        counts: dryRun.counts,
        outcomes: dryRun.outcomes,
        issues: dryRun.issues.map((i) => issueJson(list, i)),
      },
      `Dry run only: ${countsLine(dryRun.counts)}.`,
    );
    return 0;
  }
  if (dryRun.compliance.required && !parsed.choices.complianceConfirmed) {
    throw new CallFailure(
      `${dryRun.compliance.textConsentRows} rows allow texting and ${dryRun.compliance.emailRows} have an email address: confirm GDPR/TCPA consent with --consent-confirmed`,
    );
  }
  if (!parsed.yes) {
    if (!process.stdin.isTTY)
      throw new CallFailure('add --yes to import (after reading the dry run above), or --dry-run');
    if (!(await confirm(`Import into ${account.name}: ${countsLine(dryRun.counts)}?`))) {
      process.stderr.write('Not imported.\n');
      return 0;
    }
  }

  const upload = prepareUpload(account.id, request, randomUUID);
  const outcome = await runImport(client, upload, {
    policy: cliRetryPolicy,
    sleep,
    pollMs: 250,
    onProgress: progressPrinter(words),
  });
  if (!outcome.ok) {
    if (outcome.failure.kind === 'refused' && outcome.failure.issues.length === 0)
      throw failLine('the import was refused', outcome.failure);
    throw failLine(
      `the import's outcome is unknown (idempotency key ${upload.idempotencyKey})`,
      outcome.failure,
    );
  }
  const result = outcome.value;
  const { job } = result;
  const json = {
    ...base,
    dryRun: false,
    imported: job.status === 'completed',
    idempotencyKey: upload.idempotencyKey,
    import: jobJson(job),
    counts: job.counts,
    processedMatchesRowsSent: result.processedMatches,
    outcomes: result.outcomes,
    issues: result.issues.map((i) => issueJson(list, i)),
  };
  if (job.status !== 'completed') {
    if (result.issues.length) printRejections(list, result.issues);
    print(json, `Import ${job.id} ${job.status}: ${job.reason ?? 'nothing imported'}`);
    return result.issues.length ? exitRejected : 2;
  }
  const c = job.counts;
  print(
    json,
    `Import ${job.id} completed at ${job.finishedAt}: ${c?.created ?? 0} created, ${c?.updated ?? 0} updated, ${c?.unchanged ?? 0} unchanged, ${c?.skipped ?? 0} skipped. ${words.processed(c?.processed ?? 0, result.rowsSent)}`,
  );
  return 0;
}
