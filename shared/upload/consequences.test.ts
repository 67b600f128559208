import { describe, expect, it } from 'vitest';
import type { DryRun, LookupsResponse } from '../api';
import { defaultChoices } from './choices';
import { consequencesOf } from './consequences';
import type { SheetFacts } from './sheet';
import { describeConsequences } from './words';

const plan = (id: string, name: string, extra: Partial<LookupsResponse['actionPlans'][number]>) => ({
  id,
  name,
  isDefault: false,
  steps: [],
  startsWithImmediateCall: false,
  sends: [] as ('email' | 'text')[],
  ...extra,
});

const lookups = {
  actionPlans: [
    plan('4', 'Default Action Plan', { isDefault: true, sends: ['email', 'text'] }),
    plan('5', 'New Lead: Call Now', { startsWithImmediateCall: true, sends: ['email'] }),
    plan('6', 'Quiet', {}),
  ],
} as unknown as LookupsResponse;

// What shared/list's uploadRequestOf counts on three rows (one allows texting, two have an email, one names
// plan 5, a "Shoe size" column is unmapped): tested there.
const facts: SheetFacts = {
  rows: 3,
  textConsentRows: 1,
  emailRows: 2,
  rowsByPlan: new Map([['5', 1]]),
  unmappedColumns: ['Shoe size'],
};

describe('what an upload will set off', () => {
  it('warns that rows without a plan go to the Default Action Plan, and counts the calls a row’s own plan places', () => {
    const c = consequencesOf(facts, lookups, defaultChoices);
    expect(c.defaultPlan).toMatchObject({ name: 'Default Action Plan', contacts: 2 });
    expect(c.immediateCalls).toBe(1);
    const lines = describeConsequences(c, 'en').map((l) => l.text);
    expect(lines).toContain(
      'No action plan is chosen, so up to 2 new contacts go to "Default Action Plan". It sends emails and text messages. Choose a plan (a quiet one, if you want no messages) to avoid that.',
    );
    expect(lines).toContain('This will place up to 1 call as soon as the import finishes.');
    expect(lines).toContain('Shoe size: kept on each contact as an [import] note.');
  });

  it('puts every row in a chosen plan: no Default Action Plan warning, a call per row for a calling plan', () => {
    const c = consequencesOf(facts, lookups, {
      ...defaultChoices,
      actionPlanId: '5',
      unmappedColumns: 'drop',
    });
    expect(c.defaultPlan).toBeNull();
    const lines = describeConsequences(c, 'nb').map((l) => l.text);
    expect(lines).toContain('Dette ringer opptil 3 samtaler straks importen er ferdig.');
    expect(lines).toContain('Shoe size: importeres ikke (droppes).');
  });

  it('takes the dry run’s exact figures once there is one', () => {
    const dryRun = {
      counts: { immediateCalls: 1240 },
      actionPlans: [
        {
          id: '5',
          name: 'New Lead: Call Now',
          isDefault: false,
          contacts: 1240,
          pendingActions: 2480,
          immediateCalls: 1240,
          sends: ['email'],
        },
      ],
      compliance: { required: true, textConsentRows: 10, emailRows: 1240 },
    } as unknown as DryRun;
    const c = consequencesOf(facts, lookups, { ...defaultChoices, actionPlanId: '5' }, dryRun);
    expect(describeConsequences(c, 'en').map((l) => l.text)).toContain(
      'This will place 1,240 calls as soon as the import finishes.',
    );
    expect(c.compliance.required).toBe(true);
  });

  it('needs no GDPR/TCPA confirmation when no row allows texting or has an email address', () => {
    const quiet: SheetFacts = { ...facts, rows: 1, textConsentRows: 0, emailRows: 0, rowsByPlan: new Map() };
    expect(consequencesOf(quiet, lookups, defaultChoices).compliance.required).toBe(false);
  });
});
