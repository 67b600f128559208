import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CustomField, LookupsResponse } from '../../shared/api';
import { ListSession, plainView, type ViewRef } from '../../shared/list';
import {
  chosenColumn,
  type ColumnTarget,
  customFieldColumn,
  defaultNoteField,
  type MappingProfile,
  mappingFromProfile,
  profileFromMapping,
} from '../../shared/mapping';
import { clientTether } from '../../shared/template';
import { type ApiClient, defaultChoices } from '../../shared/upload';

// The three places one list is checked, each driven as people use it: the CLI's `check --json` (the built
// bin, in a child process), the app's list engine (ListSession, as the worker hosts it) and the import
// server's dry run (over HTTP, rows sent as the app sends them). Each gives its findings as
// `row field code severity` lines, sorted, so two surfaces agree exactly when their lists are equal.

/**
 * One finding: the 1-based data row, the field (template header or `custom:<key>`), the code, the severity,
 * and for a duplicate the other rows involved.
 */
export type Finding = string;

const finding = (
  row: number,
  field: string,
  code: string,
  severity: string,
  related: readonly number[] = [],
): Finding =>
  `${String(row).padStart(4)} ${field} ${code} ${severity}${related.length ? ` (with ${related.join(', ')})` : ''}`;

type Grouped = Readonly<{ row: number; groups?: readonly Readonly<{ rows: readonly number[] }>[] }>;

/** The other rows a duplicate names: its groups' first rows but its own, as the app's panel lists them. */
const relatedOf = (issue: Grouped): number[] => [
  ...new Set((issue.groups ?? []).flatMap((g) => g.rows).filter((n) => n !== issue.row)),
];

// How the file was written (ragged rows, a quote never closed, Excel cells): `check` reports these at their
// rows, the app in its preview; they are not findings about a cell's value, which the three must share.
const readNotes: ReadonlySet<string> = new Set([
  'row.ragged',
  'csv.unclosedQuote',
  'xlsx.precision',
  'xlsx.noCachedValue',
]);

const template = clientTether;
const noProgress = async () => {};
const view: ViewRef = { spec: plainView, revision: 0 };

/** The app's proposal for a file's columns, with some columns' targets chosen by hand. */
export async function mappingOf(
  bytes: Uint8Array,
  chosen: Readonly<Record<string, ColumnTarget>>,
): Promise<{ headers: string[]; profile: MappingProfile }> {
  const session = new ListSession(template);
  await session.handlers.open({ bytes, options: {} }, noProgress);
  const proposals = await session.handlers.proposeMapping({}, noProgress);
  const headers = proposals.map((p) => p.header);
  const missing = Object.keys(chosen).filter((h) => !headers.includes(h));
  if (missing.length) throw new Error(`no column ${missing.join(', ')} in ${headers.join(', ')}`);
  const profile = profileFromMapping('parity', {
    template: template.id,
    fields: template.fields.map((f) => f.header),
    columns: proposals.map((p) => chosenColumn(p.column, p.header, chosen[p.header] ?? p.target)),
    noteField: defaultNoteField(template),
  });
  return { headers, profile };
}

/** `listprep check FILE --json --mapping PROFILE --lookups LOOKUPS`: its issues as findings. */
export function cliFindings(dir: string, name: string, profile: MappingProfile, lookupsFile: string) {
  const mappingFile = join(dir, `${name}.mapping.json`);
  writeFileSync(mappingFile, JSON.stringify(profile));
  const args = ['bin/listprep.mjs', 'check', join(dir, name), '--json'];
  args.push('--mapping', mappingFile, '--lookups', lookupsFile, '--ignore-profiles');
  return new Promise<Finding[]>((resolve, reject) => {
    execFile(process.execPath, args, { encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error && error.code !== 1) return reject(new Error(`listprep check: ${stderr}`));
      const report = JSON.parse(stdout) as {
        issues: { row: number; field: string; code: string; severity: string; groups?: number[] }[];
        duplicateGroups: { id: number; firstRows: number[] }[];
      };
      // An issue names its groups by id; each group is described once, with its first rows.
      const groups = new Map(report.duplicateGroups.map((g) => [g.id, { rows: g.firstRows }]));
      const issues = report.issues
        .filter((i) => !readNotes.has(i.code))
        .map((i) => ({ ...i, groups: i.groups?.map((id) => groups.get(id) ?? { rows: [] }) }));
      resolve(issues.map((i) => finding(i.row, i.field, i.code, i.severity, relatedOf(i))).sort());
    });
  });
}

/** The app's list engine: the file opened, the mapping applied, the account's lists set, every cell read. */
export async function openInApp(bytes: Uint8Array, profile: MappingProfile, lookups: LookupsResponse) {
  const session = new ListSession(template);
  await session.handlers.open({ bytes, options: {} }, noProgress);
  const headers = (await session.handlers.proposeMapping({}, noProgress)).map((p) => p.header);
  const targets = mappingFromProfile(profile, headers, template).columns.map((c) => c.target);
  await session.handlers.applyMapping({ targets }, noProgress);
  const state = await session.handlers.setLookups(
    { lookups: lookups.lookups, customFields: lookups.customFields },
    noProgress,
  );
  if (!state.state) throw new Error('setLookups gave no list');
  return { session, columns: state.state.columns };
}

/** Every cell's problems as the app's side panel lists them (describeCell), as findings. */
export async function appFindings(
  app: Awaited<ReturnType<typeof openInApp>>,
  customFields: readonly CustomField[],
): Promise<Finding[]> {
  const { session, columns } = app;
  const fieldOf = columns.map((c) =>
    c.kind === 'custom' ? (customFieldColumn(c.header, customFields).field?.header ?? c.header) : c.header,
  );
  const { rows } = await session.handlers.rows({ start: 0, end: 1_000_000, view, locale: 'en' }, noProgress);
  const out: Finding[] = [];
  for (const row of rows) {
    for (const column of columns) {
      const issues = await session.handlers.describeCell(
        { key: row.key, col: column.index, locale: 'en', settings: {} },
        noProgress,
      );
      for (const issue of issues)
        out.push(finding(row.n, fieldOf[column.index], issue.code, issue.severity, issue.related));
    }
  }
  return out.sort();
}

/** The rows as the app sends them to the import server: the list engine's own upload request. */
export function sheetToSend(app: Awaited<ReturnType<typeof openInApp>>) {
  return app.session.uploadRequest();
}

/** The import server's dry run of the rows the app sends: its issues as findings. */
export async function serverFindings(
  client: ApiClient,
  accountId: string,
  request: ReturnType<typeof sheetToSend>,
): Promise<Finding[]> {
  const answer = await client.dryRun(accountId, request.encode(defaultChoices, 'parity.csv'));
  if (!answer.ok) throw new Error(`dry run: ${answer.failure.message}`);
  return answer.value.issues
    .map((i) => finding(i.row, i.field, i.code, i.severity, i.related ?? relatedOf(i)))
    .sort();
}
