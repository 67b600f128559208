// A lookups file as `listprep --lookups` and the app's "Load lookups file" take it: the account's ID lists
// as the template names them (shared/template/lookups), or the import server's `GET …/lookups` answer saved
// whole, which also says the account's custom fields, so custom-field columns are checked as the server
// checks them. Import it by path where a file is parsed: it loads zod.
import { lookupsSchema, type Lookups } from '../template/lookups';
import { type CustomField, lookupsResponseSchema } from './lookups';

/** What a lookups file tells about the account: its ID lists and (from the server's answer) custom fields. */
export type AccountLists = Readonly<{ lookups: Lookups; customFields: readonly CustomField[] }>;

export type LookupsFileResult =
  | Readonly<{ ok: true; lists: AccountLists }>
  | Readonly<{ ok: false; reason: string }>;

type Issue = Readonly<{ message: string; path: readonly PropertyKey[] }>;

function reasonOf(issue: Issue | undefined): string {
  if (!issue) return 'invalid';
  return issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message;
}

/** The account's lists in a lookups file's JSON, or why it is not one (its first problem, for people). */
export function parseLookupsFile(json: unknown): LookupsFileResult {
  // A lookups file has only the four lists (its schema is strict), the server's answer always `lookups`.
  const isAnswer = typeof json === 'object' && json !== null && 'lookups' in json;
  if (isAnswer) {
    const parsed = lookupsResponseSchema.safeParse(json);
    if (!parsed.success) {
      return { ok: false, reason: `not the server's lookups answer (${reasonOf(parsed.error.issues[0])})` };
    }
    return { ok: true, lists: { lookups: parsed.data.lookups, customFields: parsed.data.customFields } };
  }
  const parsed = lookupsSchema.safeParse(json);
  if (!parsed.success)
    return { ok: false, reason: `not a lookups file (${reasonOf(parsed.error.issues[0])})` };
  return { ok: true, lists: { lookups: parsed.data, customFields: [] } };
}
