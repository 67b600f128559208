import type { ImportOptions, ImportRequest } from '../../shared/api';
import type { Template } from '../../shared/template';
import type { Sql } from '../db/database';
import { ApiError } from '../http/api-error';
import { type AccountLookups, loadLookups } from '../lookups/lookup-store';
import { resolveColumns } from './columns';
import { type PreparedImport, sheetCompliance } from './plan';
import { loadSource } from './source';

/** Options naming an action plan, lead source or sales cycle step must name the account's own. */
export function checkOptionIds(options: ImportOptions, lookups: AccountLookups): void {
  const checks: [string | null, { id: number }[], string][] = [
    [options.actionPlanId, lookups.actionPlans, 'actionPlanId'],
    [options.leadSourceId, lookups.leadSources, 'leadSourceId'],
    [options.salesCycleId, lookups.salesCycles, 'salesCycleId'],
  ];
  for (const [id, list, name] of checks) {
    if (id !== null && !list.some((item) => String(item.id) === id)) {
      throw new ApiError('options.unknownId', `options.${name} ${id} is not one of this account's.`, [
        {
          path: `options.${name}`,
          code: 'options.unknownId',
          message: `no ${name.replace(/Id$/, '')} ${id} in this account`,
        },
      ]);
    }
  }
}

/**
 * Reads and checks everything an import needs before any row is judged: the account's lists, the option
 * IDs, the sheet, the mapping and, for a real import, the compliance confirmation. Refusals are 4xx errors.
 */
export async function prepareImport(
  sql: Sql,
  accountId: number,
  request: ImportRequest,
  template: Template,
  { enforceCompliance }: { enforceCompliance: boolean },
): Promise<PreparedImport> {
  const lookups = await loadLookups(sql, accountId);
  checkOptionIds(request.options, lookups);
  const source = await loadSource(sql, accountId, request.source);
  const columns = resolveColumns(template, lookups.customFields, source.headers, request.mapping);
  const compliance = sheetCompliance(columns, source.rows);
  if (enforceCompliance && compliance.required && !request.options.complianceConfirmed) {
    throw new ApiError(
      'compliance.required',
      `${compliance.textConsentRows} rows allow texting and ${compliance.emailRows} have an email address: confirm that the contacts agreed to be contacted under GDPR/TCPA rules (options.complianceConfirmed).`,
    );
  }
  return { accountId, template, lookups, options: request.options, source, columns, compliance };
}
