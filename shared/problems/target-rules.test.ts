import { beforeAll, describe, expect, it } from 'vitest';
import { suggestFix } from '../fix';
import { clientTether, configio, type FieldDef, type Lookups, mainBrainer, type Template } from '../template';
import {
  compileCellCheck,
  type Finding,
  issueCodes,
  loadTemplateSupport,
  messageTables,
  SheetValidator,
} from '../validate';
import { describeFinding, validateRows } from './index';

// The rule kinds the other targets brought (template README): international phones, Norwegian postcodes,
// countries, opt-in words, list items, and groups' key identifiers. Each test runs a cell or a row through
// the one validator, and the fix it offers through the same rule.

beforeAll(() => loadTemplateSupport(mainBrainer));

const fieldOf = (template: Template, header: string): FieldDef => {
  const found = template.fields.find((f) => f.header === header);
  if (!found) throw new Error(`no field ${header}`);
  return found;
};

/** Each value's code (null: valid) and the safe fix offered for it, if any. */
function judge(template: Template, header: string, values: string[], lookups?: Lookups) {
  const field = fieldOf(template, header);
  const check = compileCellCheck(field, template, lookups);
  return Object.fromEntries(
    values.map((value) => {
      const code = check(value);
      const fix = code ? suggestFix(field, value, { template, lookups }) : null;
      return [value, fix ? `${code} -> ${fix.value}` : code];
    }),
  );
}

describe('international phone numbers (MainBrainer)', () => {
  it('takes a valid number in E.164 only, and rewrites any other way of writing it into E.164', () => {
    expect(
      judge(mainBrainer, 'Mobilnummer', [
        '+4791234567',
        '+47 912 34 567',
        '0047 91234567',
        '912 34 567',
        '(+47) 912-34-567',
        '+46 70 123 45 67',
        'tel:+4791234567',
      ]),
    ).toEqual({
      '+4791234567': null,
      '+47 912 34 567': 'phone.international -> +4791234567',
      '0047 91234567': 'phone.international -> +4791234567',
      '912 34 567': 'phone.international -> +4791234567',
      '(+47) 912-34-567': 'phone.international -> +4791234567',
      '+46 70 123 45 67': 'phone.international -> +46701234567',
      'tel:+4791234567': 'phone.international -> +4791234567',
    });
  });

  it('leaves numbers valid nowhere, extensions and words for a person', () => {
    expect(
      judge(mainBrainer, 'Mobilnummer', [
        '+4712345678',
        '+47091234567',
        '91234567 ext 3',
        'ring meg',
        '(555) 123-4567',
      ]),
    ).toEqual({
      '+4712345678': 'phone.international',
      '+47091234567': 'phone.international',
      '91234567 ext 3': 'phone.international',
      'ring meg': 'phone.international',
      // A North American number without its +1 is not a Norwegian number: the country is a person's call.
      '(555) 123-4567': 'phone.international',
    });
  });
});

describe('Norwegian postcodes', () => {
  it('takes four digits and puts back zeros a spreadsheet dropped, or strips a country prefix', () => {
    expect(
      judge(mainBrainer, 'Postnummer', [
        '0150',
        '9990',
        '150',
        '10',
        'NO-0150',
        'N-5003',
        '0150.0',
        '01500',
        '0150 Oslo',
        'K1A 0B1',
      ]),
    ).toEqual({
      '0150': null,
      '9990': null,
      '150': 'postal.norway -> 0150',
      '10': 'postal.norway -> 0010',
      'NO-0150': 'postal.norway -> 0150',
      'N-5003': 'postal.norway -> 5003',
      '0150.0': 'postal.norway -> 0150',
      '01500': 'postal.norway',
      '0150 Oslo': 'postal.norway',
      'K1A 0B1': 'postal.norway',
    });
  });
});

describe('countries', () => {
  it('takes an ISO code and turns names, alpha-3 codes and lower case into it', () => {
    expect(
      judge(mainBrainer, 'Land', [
        'NO',
        'Norge',
        'Norway',
        'NOR',
        'no',
        'Sverige',
        'USA',
        'United States',
        'Congo',
        'Narnia',
      ]),
    ).toEqual({
      NO: null,
      Norge: 'country.unknown -> NO',
      Norway: 'country.unknown -> NO',
      NOR: 'country.unknown -> NO',
      no: 'country.unknown -> NO',
      Sverige: 'country.unknown -> SE',
      USA: 'country.unknown -> US',
      'United States': 'country.unknown -> US',
      Congo: 'country.unknown',
      Narnia: 'country.unknown',
    });
  });

  it('takes only the account’s countries when its list is known (Configio: US works, USA does not)', () => {
    const lookups = {
      countries: [
        { id: 'US', name: 'United States' },
        { id: 'CA', name: 'Canada' },
      ],
    };
    expect(judge(configio, 'Country', ['US', 'USA', 'Canada', 'NO', 'Norway'], lookups)).toEqual({
      US: null,
      USA: 'country.unknown -> US',
      Canada: 'country.unknown -> CA',
      NO: 'country.unknown',
      Norway: 'country.unknown',
    });
  });
});

describe('opt-in words', () => {
  it('takes Sant/Ja and Usant/Nei by default and turns other yes and no words into Ja and Nei', () => {
    expect(
      judge(mainBrainer, 'SMS-markedsføring', [
        'Ja',
        'Sant',
        'Nei',
        'Usant',
        'ja',
        'yes',
        'TRUE',
        '1',
        'opt out',
        'x',
        'kanskje',
      ]),
    ).toEqual({
      Ja: null,
      Sant: null,
      Nei: null,
      Usant: null,
      ja: 'optIn.value -> Ja',
      yes: 'optIn.value -> Ja',
      TRUE: 'optIn.value -> Ja',
      '1': 'optIn.value -> Ja',
      'opt out': 'optIn.value -> Nei',
      x: 'optIn.value -> Ja',
      kanskje: 'optIn.value',
    });
  });

  it('takes only the list’s own words when it has them, and turns the defaults into them', () => {
    const lookups: Lookups = { optInWords: { yes: 'OptIn', no: 'OptOut' } };
    expect(
      judge(mainBrainer, 'E-postmarkedsføring', ['OptIn', 'OptOut', 'Ja', 'Usant', 'optin'], lookups),
    ).toEqual({
      OptIn: null,
      OptOut: null,
      Ja: 'optIn.value -> OptIn',
      Usant: 'optIn.value -> OptOut',
      optin: 'optIn.value -> OptIn',
    });
  });
});

describe('list items (Configio)', () => {
  const lookups = {
    communicationTypes: [
      { id: 'Phone Call', name: 'Phone Call' },
      { id: 'Email', name: 'Email' },
    ],
  };

  it('takes any text while the account’s list is unknown', () => {
    expect(judge(configio, 'Communication Type', ['Carrier pigeon'])).toEqual({ 'Carrier pigeon': null });
  });

  it('takes only the account’s items once the list is known, and fixes their case and spacing', () => {
    expect(judge(configio, 'Communication Type', ['Phone Call', 'phone  call', 'Fax'], lookups)).toEqual({
      'Phone Call': null,
      'phone  call': 'list.unknown -> Phone Call',
      Fax: 'list.unknown',
    });
  });
});

describe('key identifiers of groups (Configio)', () => {
  const headers = [
    'Lead Name',
    'Account CRM ID',
    'Export Value',
    'Contact First Name',
    'Contact Last Name',
    'Contact Email',
    'Opportunity Title',
    'Opportunity Value',
  ];
  const columns = headers.map((h) => fieldOf(configio, h));
  const run = (rows: string[][]) =>
    validateRows(configio, columns, rows).map((i) => `${i.row}:${i.field}:${i.code}`);

  it('needs at least one of Lead Name, Account CRM ID and Export Value on every row', () => {
    expect(
      run([
        ['Acme', '', '', '', '', '', '', ''],
        ['', '', 'EXP-7', '', '', '', '', ''],
        ['', '1234', '', '', '', '', '', ''],
        ['', '', '', '', '', '', '', ''],
        ['  ', '', '', '', '', '', '', ''],
      ]),
    ).toEqual(['4:Lead Name:keys.noneFilled', '5:Lead Name:keys.noneFilled']);
  });

  it('needs a group’s keys only on rows that use the group', () => {
    expect(
      run([
        ['Acme', '', '', 'Ann', 'Lee', 'ann@acme.com', '', ''],
        ['Acme', '', '', '', '', 'bob@acme.com', '', ''],
        ['Acme', '', '', 'Cy', '', '', '', '5000'],
      ]),
    ).toEqual([
      '2:Contact First Name:group.keyMissing',
      '2:Contact Last Name:group.keyMissing',
      '3:Contact Last Name:group.keyMissing',
      '3:Opportunity Title:group.keyMissing',
    ]);
  });

  it('revalidates the row when a cell the rule reads is edited', () => {
    const validator = new SheetValidator({ template: configio, columns });
    const row = ['Acme', '', '', '', '', 'bob@acme.com', '', ''];
    const id = validator.addRow(row);
    expect(validator.findings(id).map((f) => f.code)).toEqual(['group.keyMissing', 'group.keyMissing']);
    row[5] = '';
    validator.updateCell(id, 5, row);
    expect(validator.findings(id)).toEqual([]);
    row[0] = '';
    validator.updateCell(id, 0, row);
    expect(validator.findings(id).map((f) => f.code)).toEqual(['keys.noneFilled']);
    expect(validator.summary().errors).toBe(1);
  });

  it('words the findings with the group and its keys, in English and Norwegian', () => {
    const rows = [['', '', '', '', '', 'bob@acme.com', '', '']];
    const en = validateRows(configio, columns, rows).map((i) => i.message);
    expect(en[0]).toBe(
      'Fill in at least one of Lead name, Account CRM ID or Export value: Configio uses them as keys (Lead), and cannot import the row without one.',
    );
    expect(en[1]).toBe(
      'Contact first name is required on a row with other Contact data: without it Configio cannot create the Contact.',
    );
    const nb = validateRows(configio, columns, rows, { locale: 'nb' }).map((i) => i.message);
    expect(nb[0]).toContain('Fyll ut minst én av Leadnavn, Account CRM ID eller Eksportverdi');
    expect(nb[1]).toContain('Kontaktens fornavn må fylles ut');
  });
});

describe('messages', () => {
  it('has every code worded in English and Norwegian, naming the column', () => {
    const params = {
      label: 'Mobilnummer',
      value: 'x',
      groups: [],
      allowed: 'A, B',
      group: 'Kontakt',
      crm: 'MainBrainer',
    };
    for (const code of issueCodes) {
      for (const locale of ['en', 'nb'] as const) {
        const message = messageTables[locale][code](params);
        expect(message.length, `${locale} ${code}`).toBeGreaterThan(10);
      }
    }
  });

  it('names the CRM the IDs come from', () => {
    const finding: Finding = { rowId: 0, col: 0, code: 'id.format', severity: 'error' };
    const field = fieldOf(clientTether, 'action_plan_id');
    const issue = describeFinding(finding, {
      locale: 'en',
      columns: [field],
      rowNumber: (id) => id + 1,
      values: ['plan A'],
      template: clientTether,
    });
    expect(issue.message).toBe('Action plan ID must be an ID number copied from ClientTether.');
  });

  it('lists the opt-in words a column takes', () => {
    const issues = validateRows(mainBrainer, [fieldOf(mainBrainer, 'SMS-markedsføring')], [['kanskje']]);
    expect(issues[0].message).toBe('SMS marketing must be Ja or Sant (yes) or Nei or Usant (no).');
  });
});
