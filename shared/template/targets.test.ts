import { describe, expect, it } from 'vitest';
import { clientTetherContacts } from './clienttether-contacts';
import { configioLeads } from './configio-leads';
import { isoCountryCodes } from './countries';
import { dealerLeads } from './dealer-leads';
import {
  builtInTemplates,
  clientTether,
  configio,
  dealerCrm,
  findTarget,
  getTemplate,
  mainBrainer,
  selectFields,
  targetName,
} from './index';
import { mainBrainerContacts } from './mainbrainer-contacts';
import { defineTemplate } from './schema';
import fourthCrm from './testdata/fourth-crm.template.json';

describe('the built-in targets', () => {
  it('are exactly what the template schema makes of their data, though built without zod', () => {
    expect(clientTether).toStrictEqual(defineTemplate(clientTetherContacts));
    expect(configio).toStrictEqual(defineTemplate(configioLeads));
    expect(mainBrainer).toStrictEqual(defineTemplate(mainBrainerContacts));
    expect(dealerCrm).toStrictEqual(defineTemplate(dealerLeads));
  });

  it('are offered ClientTether first, each found by its short name, id or CRM name', () => {
    expect(builtInTemplates.map(targetName)).toEqual(['clienttether', 'configio', 'mainbrainer', 'dealer']);
    expect(findTarget('MainBrainer')).toBe(mainBrainer);
    expect(findTarget('configio-leads')).toBe(configio);
    expect(findTarget(' Dealer ')).toBe(dealerCrm);
    expect(findTarget('salesforce')).toBeUndefined();
    expect(getTemplate('dealer-leads')).toBe(dealerCrm);
  });

  it('only ClientTether uploads to the import server; the others are files in their own formats', () => {
    expect(builtInTemplates.filter((t) => t.upload).map(targetName)).toEqual(['clienttether']);
    expect(mainBrainer.export).toEqual({ formats: ['csv'], csv: { delimiters: [','], bom: true } });
    expect(dealerCrm.export.formats).toEqual(['csv']);
    expect(dealerCrm.export.csv.delimiters).toEqual([',', ';', '\t', '|']);
    expect(configio.export.formats).toEqual(['xlsx', 'csv']);
  });

  it('gives every column of every target a label and a hint in English and Norwegian', () => {
    for (const template of builtInTemplates) {
      for (const field of template.fields) {
        expect(field.label.en.length, `${template.id} ${field.header}`).toBeGreaterThan(0);
        expect(field.label.nb.length, `${template.id} ${field.header}`).toBeGreaterThan(0);
        expect(field.hint.nb.length, `${template.id} ${field.header}`).toBeGreaterThan(0);
      }
    }
  });

  it('names MainBrainer’s fields as its Norwegian screens do, with Norwegian phones, postcodes and opt-ins', () => {
    const kinds = Object.fromEntries(mainBrainer.fields.map((f) => [f.header, f.kind]));
    expect(kinds).toMatchObject({
      'E-postadresse': 'email',
      Mobilnummer: 'phoneIntl',
      Postnummer: 'postalNo',
      Land: 'country',
      'E-postmarkedsføring': 'optIn',
      'SMS-markedsføring': 'optIn',
    });
    expect(mainBrainer.country).toBe('NO');
    expect(mainBrainer.fields.find((f) => f.header === 'SMS-markedsføring')?.optIn).toEqual({
      yes: ['Ja', 'Sant'],
      no: ['Nei', 'Usant'],
    });
    expect(mainBrainer.choices.map((c) => c.id)).toEqual(['primaryKey', 'secondaryKey', 'masterData']);
  });

  it('marks the dealer CRM’s required fields and keeps its unmapped data in Notes', () => {
    expect(dealerCrm.fields.filter((f) => f.required).map((f) => f.header)).toEqual([
      'First Name',
      'Last Name',
    ]);
    expect(dealerCrm.choices.find((c) => c.id === 'rule')?.options.map((o) => o.value)).toEqual([
      'create',
      'merge',
    ]);
  });

  it('gives Configio its four groups with their key identifiers', () => {
    expect(configio.groups.map((g) => [g.id, g.keys, g.keyRule, g.always])).toEqual([
      ['lead', ['Lead Name', 'Account CRM ID', 'Export Value'], 'any', true],
      ['contact', ['Contact First Name', 'Contact Last Name'], 'all', false],
      ['communication', ['Communication Subject'], 'all', false],
      ['opportunity', ['Opportunity Title'], 'all', false],
    ]);
    // An ID from another system must never land in Account CRM ID: it would update someone else's lead.
    const accountId = configio.fields.find((f) => f.header === 'Account CRM ID');
    expect(accountId?.synonyms).not.toContain('id');
    expect(accountId?.synonyms).not.toContain('crm id');
  });

  it('lists the 249 countries of ISO 3166-1, each with a name', () => {
    expect(isoCountryCodes).toHaveLength(249);
    expect(new Set(isoCountryCodes).size).toBe(249);
    const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
    for (const code of isoCountryCodes) expect(names.of(code), code).toBeTruthy();
  });
});

describe('the template builder', () => {
  it('keeps the chosen fields in the template’s order, a group named by id whole, and every key identifier', () => {
    const built = selectFields(configio, ['Email', 'contact', 'Country']);
    expect(built.fields.map((f) => f.header)).toEqual([
      'Account CRM ID',
      'Lead Name',
      'Export Value',
      'Email',
      'Country',
      'Contact First Name',
      'Contact Last Name',
      'Contact Email',
      'Contact Phone',
      'Contact Title',
    ]);
    expect(built.groups.map((g) => g.id)).toEqual(['lead', 'contact']);
  });

  it('keeps a group’s keys when only one of its other fields is chosen', () => {
    const built = selectFields(configio, ['Opportunity Value']);
    expect(built.fields.map((f) => f.header)).toEqual([
      'Account CRM ID',
      'Lead Name',
      'Export Value',
      'Opportunity Title',
      'Opportunity Value',
    ]);
  });

  it('refuses unknown names and templates without a builder', () => {
    expect(() => selectFields(configio, ['Fax'])).toThrow(/no field or group "Fax"/);
    expect(() => selectFields(mainBrainer, ['Fornavn'])).toThrow(/no field choice/);
  });
});

describe('a fourth target as a data file', () => {
  it('passes the schema with groups, choices, summaries, an own CSV format and the new kinds', () => {
    const fourth = defineTemplate(fourthCrm);
    expect(fourth.fields.map((f) => f.kind)).toContain('phoneIntl');
    expect(fourth.export.csv).toEqual({ delimiters: [';', ','], bom: true });
    expect(fourth.groups[1]).toMatchObject({ id: 'guardian', keyRule: 'all', always: false });
  });

  it('is refused with a reason when its data contradicts itself', () => {
    const badKey = {
      ...fourthCrm,
      groups: [{ ...fourthCrm.groups[0], keys: ['Guardian name'] }, fourthCrm.groups[1]],
    };
    expect(() => defineTemplate(badKey)).toThrow(/key Guardian name is not one of its fields/);
    const badChoice = { ...fourthCrm, choices: [{ ...fourthCrm.choices[0], default: 'never' }] };
    expect(() => defineTemplate(badChoice)).toThrow(/default never is not an option/);
    const optInWithoutWords = {
      ...fourthCrm,
      fields: fourthCrm.fields.map((f) => (f.kind === 'optIn' ? { ...f, optIn: undefined } : f)),
    };
    expect(() => defineTemplate(optInWithoutWords)).toThrow(/needs its yes and no words/);
  });
});
