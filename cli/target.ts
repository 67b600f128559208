import {
  builtInTemplates,
  chosenFieldsProblem,
  findTarget,
  type Template,
  type TargetChoice,
  targetName,
  templateFor,
} from '../shared/template';
import { loadTemplateSupport } from '../shared/validate';
import { UsageError } from './errors';

// `--target NAME` (and `--fields`, for a target whose template is built from chosen fields) on every command
// that maps, checks or writes a list: the one place the CLI turns a name into a template. ClientTether when
// absent, as before there were other targets.

/** The parseArgs specs of the target options. */
export const targetOptionSpecs = {
  target: { type: 'string' },
  fields: { type: 'string' },
} as const;

export type ChosenTarget = Readonly<{ template: Template; choice: TargetChoice }>;

/** The target the options name, with what its rules need loaded (kind-support.ts); a usage error otherwise. */
export async function chosenTarget(values: { target?: string; fields?: string }): Promise<ChosenTarget> {
  const chosen = namedTarget(values);
  await loadTemplateSupport(chosen.template);
  return chosen;
}

/** The target the options name, its rules' libraries not loaded: for a command that only needs to know it. */
export function namedTarget(values: { target?: string; fields?: string }): ChosenTarget {
  const found = findTarget(values.target ?? 'clienttether');
  if (!found) {
    throw new UsageError(
      `--target must be one of ${builtInTemplates.map(targetName).join(', ')}, not "${values.target}" (listprep targets lists them)`,
    );
  }
  const fields = values.fields
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (fields) {
    const problem = chosenFieldsProblem(found, fields);
    if (problem) throw new UsageError(`--fields: ${problem}`);
  }
  const choice: TargetChoice = fields ? { id: found.id, fields } : { id: found.id };
  return { template: templateFor(choice) ?? found, choice };
}
