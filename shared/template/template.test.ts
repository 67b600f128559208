import { describe, expect, it } from 'vitest';
import { clientTetherContacts } from './clienttether-contacts';
import { clientTether, getTemplate } from './index';
import { defineTemplate } from './schema';
import tinyCrm from './testdata/tiny-crm.template.json';
import { columnsFromHeaders } from '../validate';
import { validateRows } from '../problems';

describe('the ClientTether template', () => {
  it('is exactly what the template schema makes of its data, though built without zod', () => {
    expect(clientTether).toStrictEqual(defineTemplate(clientTetherContacts));
  });

  it('lists every column of TEMPLATE.md in file order with the CRM’s exact headers', () => {
    expect(clientTether.fields.map((f) => f.header)).toEqual([
      'firstName',
      'lastName',
      'phone',
      'smsok',
      'second_Phone',
      'email',
      'address',
      'city',
      'state',
      'zip',
      'compName',
      'tag',
      'job_title',
      'external_id',
      'deal_size',
      'age',
      'education',
      'gender',
      'high_net_worth',
      'home_owner_status',
      'household_income',
      'Length_of_residence',
      'market_value',
      'material_status',
      'occupation',
      'presence_of_children',
      'creation_date',
      'presence_of_pets',
      'anniversary_1',
      'anniversary_2',
      'facebook',
      'linkedin',
      'twitter',
      'action_plan_id',
      'sales_cycle_id',
      'lead_source_id',
      'client_category',
      'whiteboard',
      'clients_date_last',
      'clients_date_next',
      'new_lead_notification',
      'contact_type',
      'assigned_user_id',
    ]);
  });

  it('requires only firstName and lastName, and keeps email unique', () => {
    expect(clientTether.fields.filter((f) => f.required).map((f) => f.header)).toEqual([
      'firstName',
      'lastName',
    ]);
    expect(clientTether.fields.filter((f) => f.unique).map((f) => f.header)).toEqual(['email']);
  });

  it('gives each column a kind, a label and a hint in English and Norwegian', () => {
    for (const field of clientTether.fields) {
      expect(field.label.en.length).toBeGreaterThan(0);
      expect(field.hint.nb.length).toBeGreaterThan(0);
    }
    const kinds = Object.fromEntries(clientTether.fields.map((f) => [f.header, f.kind]));
    expect(kinds).toMatchObject({
      phone: 'phone10',
      smsok: 'flag01',
      email: 'email',
      state: 'region',
      zip: 'postal',
      creation_date: 'date',
      deal_size: 'whole',
      gender: 'choice',
      action_plan_id: 'idRef',
      tag: 'tags',
      material_status: 'choice',
    });
  });

  it('has the 50 states, DC, five territories and 13 Canadian regions with their names', () => {
    const codes = clientTether.regions.map((r) => r.code);
    expect(codes).toHaveLength(50 + 1 + 5 + 13);
    expect(new Set(codes).size).toBe(codes.length);
    expect(clientTether.regions.find((r) => r.code === 'QC')?.aliases).toContain('Québec');
    expect(
      clientTether.regions
        .filter((r) => r.country === 'CA')
        .map((r) => r.code)
        .sort(),
    ).toEqual(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
    expect(getTemplate('clienttether-contacts')).toBe(clientTether);
  });

  it('refuses a template with a choice column that has no choices', () => {
    const bad = { ...tinyCrm, fields: [{ ...tinyCrm.fields[0], kind: 'choice' }] };
    expect(() => defineTemplate(bad)).toThrow(/needs choices/);
  });
});

describe('a second CRM as a data file', () => {
  const tiny = defineTemplate(tinyCrm);

  it('validates with the same validator and no new code', () => {
    const headers = ['Name', 'Mail', 'Customer no', 'Level', 'Region'];
    const issues = validateRows(tiny, columnsFromHeaders(tiny, headers), [
      ['Ann', 'ann@example.com', '7', 'Gold', 'OS'],
      ['', 'ANN@example.com', '7', 'Bronze', 'CA'],
    ]);
    expect(issues.map((i) => `${i.row}:${i.field}:${i.code}`)).toEqual([
      '1:Mail:email.duplicate',
      '1:Customer no:value.duplicate',
      '2:Name:required.missing',
      '2:Level:choice.value',
      '2:Region:state.unknown',
      '2:Mail:email.duplicate',
      '2:Customer no:value.duplicate',
    ]);
  });
});
