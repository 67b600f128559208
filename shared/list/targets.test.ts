import { describe, expect, it } from 'vitest';
import { clientTether, mainBrainer } from '../template';
import { defineTemplate } from '../template/schema';
import fourthCrm from '../template/testdata/fourth-crm.template.json';
import { loadTemplateSupport } from '../validate';
import { ListSession } from './session';

// The engine the app's worker hosts, on a list for another CRM: the target is chosen (or changed) on the
// session, and the mapping, validation, fixes, export and the import summary follow the target's template.

const encoder = new TextEncoder();
const noProgress = async () => {};

const norwegian = encoder.encode(
  [
    'Fornavn,Etternavn,E-post,Mobil,Postnr,Sted,Land,Nyhetsbrev,Kommentar',
    'Kari,Nordmann,kari@example.no,+47 912 34 567,150,Oslo,Norge,ja,VIP',
    'Ola,Hansen,OLA@EXAMPLE.NO,41234567,5003,Bergen,NO,Sant,',
    'Per,Berg,per@example.no,0047 98765432,NO-7010,Trondheim,Norway,nei,',
  ].join('\r\n'),
);

async function mapped(session: ListSession) {
  const proposals = await session.handlers.proposeMapping({}, noProgress);
  return session.handlers.applyMapping({ targets: proposals.map((p) => p.target) }, noProgress);
}

describe('a list prepared for MainBrainer', () => {
  it('is mapped, checked and fixed by MainBrainer’s rules, then exported as its UTF-8 CSV with the summary', async () => {
    const session = new ListSession(clientTether);
    await session.handlers.setTarget({ target: { id: mainBrainer.id } }, noProgress);
    await session.handlers.open({ bytes: norwegian, options: {} }, noProgress);
    const state = await mapped(session);
    expect(state.columns.filter((c) => c.kind === 'field').map((c) => c.header)).toEqual([
      'Fornavn',
      'Etternavn',
      'E-postadresse',
      'Mobilnummer',
      'Postnummer',
      'Poststed',
      'Land',
      'E-postmarkedsføring',
    ]);
    // Phones, postcodes, countries and opt-in words: 3 + 2 + 2 + 2 errors.
    expect(state.status.summary.errors).toBe(9);
    const blocked = await session.handlers.export({ kind: 'csv', locale: 'en', settings: {} }, noProgress);
    expect(blocked).toEqual({ ok: false, reason: 'errors', errors: 9 });

    for (const fix of ['phone.international', 'postal.norway', 'country.code', 'optIn.word']) {
      const plan = await session.handlers.planFix({ scope: { kind: 'all', fix }, settings: {} }, noProgress);
      expect(plan.count, fix).toBeGreaterThan(0);
      await session.handlers.runPlan({ token: plan.token, locale: 'en' }, noProgress);
    }
    expect((await session.handlers.status({}, noProgress)).summary.errors).toBe(0);

    const exported = await session.handlers.export({ kind: 'csv', locale: 'en', settings: {} }, noProgress);
    if (!exported.ok) throw new Error('not exported');
    expect([...exported.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(exported.bytes.subarray(3))).toBe(
      [
        mainBrainer.fields.map((f) => f.header).join(','),
        'Kari,Nordmann,kari@example.no,+4791234567,,,,,0150,Oslo,NO,,Ja,,',
        'Ola,Hansen,OLA@EXAMPLE.NO,+4741234567,,,,,5003,Bergen,NO,,Sant,,',
        'Per,Berg,per@example.no,+4798765432,,,,,7010,Trondheim,NO,,Nei,,',
        '',
      ].join('\r\n'),
    );
    const summary = await session.handlers.importSummary(
      { choices: { primaryKey: 'mobile' }, locale: 'nb' },
      noProgress,
    );
    expect(summary.counts).toMatchObject({ rows: 3, withPrimary: 3, withNeither: 0 });
    expect(summary.lines[0]).toBe('Primærnøkkel: Mobilnummer.');
  });

  it('is read again for the new template when the target changes, and refuses an unknown target', async () => {
    const session = new ListSession(clientTether);
    await session.handlers.open({ bytes: norwegian, options: {} }, noProgress);
    const asClientTether = await mapped(session);
    expect(asClientTether.columns.some((c) => c.header === 'phone')).toBe(true);
    const reread = await session.handlers.setTarget({ target: { id: mainBrainer.id } }, noProgress);
    expect(reread?.dataRows).toBe(3);
    const asMainBrainer = await mapped(session);
    expect(asMainBrainer.columns.some((c) => c.header === 'Mobilnummer')).toBe(true);
    expect(asMainBrainer.status.summary.errors).toBe(9);
    await expect(session.handlers.setTarget({ target: { id: 'salesforce' } }, noProgress)).rejects.toThrow(
      /No target/,
    );
  });
});

describe('a fourth CRM that is only a data file', () => {
  it('goes through mapping, its rules, certain fixes, its own CSV and its summary with no code of its own', async () => {
    const fourth = defineTemplate(fourthCrm);
    await loadTemplateSupport(fourth);
    const session = new ListSession(fourth);
    const swedish = [
      'Namn,Medlemsnr,E-post,Mobil,Land,Nyhetsbrev,Målsman,Foresattes telefon',
      'Elsa Lind,17,elsa@example.se,070-123 45 67,Sverige,ja,,',
      'Nils Berg,,nils@example.se,+46 70 765 43 21,SE,Nej,Karin Berg,0701112233',
      'Ebba Ek,,,,Norge,,,+46701234567',
    ].join('\r\n');
    await session.handlers.open({ bytes: encoder.encode(swedish), options: {} }, noProgress);
    const state = await mapped(session);
    expect(state.columns.map((c) => c.header)).toEqual(fourth.fields.map((f) => f.header));
    // Three national phones, two country names, one opt-in word; row 3 has neither key nor the guardian's name.
    expect(state.status.summary.errors).toBe(8);
    for (const fix of ['phone.international', 'country.code', 'optIn.word']) {
      const plan = await session.handlers.planFix({ scope: { kind: 'all', fix }, settings: {} }, noProgress);
      await session.handlers.runPlan({ token: plan.token, locale: 'en' }, noProgress);
    }
    const left = await session.handlers.status({}, noProgress);
    expect(left.summary.byColumn.map((c) => c.code).sort()).toEqual(['group.keyMissing', 'keys.noneFilled']);
    const rowThree = 2;
    await session.handlers.edit({ key: rowThree, col: 1, value: '19', locale: 'en' }, noProgress);
    await session.handlers.edit({ key: rowThree, col: 6, value: 'Stina Ek', locale: 'en' }, noProgress);
    const exported = await session.handlers.export(
      { kind: 'csv', locale: 'en', settings: {}, delimiter: ';' },
      noProgress,
    );
    if (!exported.ok) throw new Error(`not exported: ${exported.errors} errors`);
    expect([...exported.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(exported.bytes.subarray(3))).toBe(
      [
        'Name;Member no;Email;Mobile;Country;Newsletter;Guardian name;Guardian phone',
        'Elsa Lind;17;elsa@example.se;+46701234567;SE;Ja;;',
        'Nils Berg;;nils@example.se;+46707654321;SE;Nej;Karin Berg;+46701112233',
        'Ebba Ek;19;;;NO;;Stina Ek;+46701234567',
        '',
      ].join('\r\n'),
    );
    const summary = await session.handlers.importSummary(
      { choices: { update: 'update' }, locale: 'en' },
      noProgress,
    );
    expect(summary.counts).toMatchObject({ rows: 3, rowsWithData: 3, withKey: 2, withoutKey: 1 });
  });
});
