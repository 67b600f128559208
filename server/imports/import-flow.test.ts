import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  type Contact,
  contactResponseSchema,
  contactsResponseSchema,
  dryRunResponseSchema,
  type ImportRequestInput,
  importListResponseSchema,
  importRowsResponseSchema,
  lookupsResponseSchema,
} from '../../shared/api';
import type { ApiClient } from '../testing/api-client';
import { contactHeaders, contactRows, rowsRequest } from '../testing/rows';
import { dbVariants } from '../testing/test-databases';
import { startTestServer, type TestServer } from '../testing/test-server';

async function contactsOf(client: ApiClient, accountId: string): Promise<Contact[]> {
  const { body } = await client.get(`${apiPaths.contacts(accountId)}?limit=1000`);
  return contactsResponseSchema.parse(body).contacts;
}

async function lookupsOf(client: ApiClient, accountId: string) {
  return lookupsResponseSchema.parse((await client.get(apiPaths.lookups(accountId))).body);
}

async function dryRun(client: ApiClient, accountId: string, request: ImportRequestInput) {
  const answer = await client.post(apiPaths.dryRun(accountId), request);
  expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  return dryRunResponseSchema.parse(answer.body).dryRun;
}

async function rowOutcomes(client: ApiClient, accountId: string, importId: string) {
  const { body } = await client.get(`${apiPaths.importRows(accountId, importId)}?limit=1000`);
  return importRowsResponseSchema.parse(body).rows;
}

describe.each(dbVariants())('imports on $name', (variant) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(variant);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('does exactly what its dry run said, row by row, against the contacts as they were', async () => {
    const t = await server.tenant();
    const first = await t.north.runImport(t.northId, rowsRequest(contactRows(3)));
    expect(first.status).toBe('completed');
    const rows = contactRows(4);
    rows[1][3] = '9998887777'; // row 2 changes the phone of c1
    const request = rowsRequest(rows, { onMatch: 'overwrite' });
    const planned = await dryRun(t.north, t.northId, request);
    expect(planned.counts).toMatchObject({ processed: 4, created: 1, updated: 1, unchanged: 2, errors: 0 });
    expect(planned.outcomes[1]).toMatchObject({
      action: 'update',
      matchedBy: 'email',
      changes: [{ field: 'phone', from: '3000000001', to: '9998887777' }],
    });
    expect(await contactsOf(t.north, t.northId)).toHaveLength(3);

    const job = await t.north.runImport(t.northId, request);
    expect(job.status).toBe('completed');
    expect(job.counts).toEqual(planned.counts);
    const done = await rowOutcomes(t.north, t.northId, job.id);
    // Only the created contact's id is new; everything else is what the dry run said.
    expect(
      done.map(({ contactId, ...rest }) => (rest.action === 'create' ? rest : { contactId, ...rest })),
    ).toEqual(planned.outcomes);
    const contacts = await contactsOf(t.north, t.northId);
    expect(contacts).toHaveLength(4);
    expect(contacts.find((c) => c.fields.email === 'c1@example.com')?.fields.phone).toBe('9998887777');
  });

  it('writes a history note, tags, the default lead source and first sales cycle step, and the plan actions', async () => {
    const t = await server.tenant();
    const lookups = await lookupsOf(t.north, t.northId);
    const referral = lookups.leadSources.find((s) => s.name === 'Referral')!;
    const rows = contactRows(2);
    rows[0][4] = 'Gold, vip, gold';
    const job = await t.north.runImport(t.northId, rowsRequest(rows, { leadSourceId: referral.id }));
    expect(job.status).toBe('completed');
    expect(job.counts).toMatchObject({ created: 2, pendingActions: 4, immediateCalls: 0 });
    const [ann] = await contactsOf(t.north, t.northId);
    expect(ann.tags).toEqual(['VIP', 'Gold']);
    expect(ann.leadSourceId).toBe(referral.id);
    const newLead = lookups.salesCycles.find((s) => s.contactType === 1 && s.sortOrder === 1)!;
    expect(ann.salesCycleId).toBe(newLead.id);
    const defaultPlan = lookups.actionPlans.find((p) => p.isDefault)!;
    expect(ann.actionPlanId).toBe(defaultPlan.id);
    const detail = contactResponseSchema.parse(
      (await t.north.get(apiPaths.contact(t.northId, ann.id))).body,
    ).contact;
    expect(detail.notes).toEqual([
      expect.objectContaining({
        kind: 'history',
        body: expect.stringContaining(`import ${job.id} from "contacts.csv", row 1`),
      }),
    ]);
    expect(detail.pendingActions.map((a) => [a.kind, a.title])).toEqual([
      ['email', 'Welcome email'],
      ['text', 'Intro text message'],
    ]);
    expect(Date.parse(detail.pendingActions[1].dueAt) - Date.parse(detail.pendingActions[0].dueAt)).toBe(
      60 * 60_000,
    );
    expect((await lookupsOf(t.north, t.northId)).tags.map((tag) => tag.name)).toContain('Gold');
  });

  it('warns before a plan whose first step is an immediate call and then schedules one due-now call per contact', async () => {
    const t = await server.tenant();
    const callPlan = (await lookupsOf(t.north, t.northId)).actionPlans.find(
      (p) => p.startsWithImmediateCall,
    )!;
    const request = rowsRequest(contactRows(5), { actionPlanId: callPlan.id });
    const planned = await dryRun(t.north, t.northId, request);
    expect(planned.warnings).toEqual([
      {
        code: 'actionPlan.immediateCalls',
        count: 5,
        message: 'This import will place 5 calls as soon as it finishes.',
      },
    ]);
    const job = await t.north.runImport(t.northId, request);
    expect(job.counts?.immediateCalls).toBe(5);
    for (const contact of await contactsOf(t.north, t.northId)) {
      const detail = contactResponseSchema.parse(
        (await t.north.get(apiPaths.contact(t.northId, contact.id))).body,
      ).contact;
      const calls = detail.pendingActions.filter((a) => a.kind === 'call');
      expect(calls).toHaveLength(1);
      // Due the moment the contact entered the plan, which is when the import wrote it.
      expect(calls[0].dueAt).toBe(detail.createdAt);
      expect(Date.parse(calls[0].dueAt)).toBeLessThanOrEqual(Date.parse(job.finishedAt ?? ''));
    }
  });

  it('warns that contacts without a chosen plan go to the Default Action Plan and what it sends', async () => {
    const t = await server.tenant();
    const planned = await dryRun(t.north, t.northId, rowsRequest(contactRows(3)));
    expect(planned.warnings.map((w) => [w.code, w.count])).toEqual([['actionPlan.default', 3]]);
    expect(planned.warnings[0].message).toContain('sends email + text');
    const quiet = (await lookupsOf(t.north, t.northId)).actionPlans.find((p) => p.steps.length === 0)!;
    const chosen = await dryRun(t.north, t.northId, rowsRequest(contactRows(3), { actionPlanId: quiet.id }));
    expect(chosen.warnings).toEqual([]);
    expect(chosen.counts.pendingActions).toBe(0);
  });

  it('fills only empty fields with fill-blanks and never erases a value with an empty cell', async () => {
    const t = await server.tenant();
    const headers = ['firstName', 'lastName', 'email', 'phone', 'city'];
    await t.north.runImport(
      t.northId,
      rowsRequest([['Ann', 'Lee', 'ann@example.com', '', 'Oslo']], {}, headers),
    );
    const job = await t.north.runImport(
      t.northId,
      rowsRequest(
        [['Anna', 'Lee', 'ANN@example.com', '5551234567', '']],
        { onMatch: 'fill-blanks' },
        headers,
      ),
    );
    expect(job.counts).toMatchObject({ updated: 1, created: 0 });
    const [ann] = await contactsOf(t.north, t.northId);
    expect(ann.fields).toEqual({
      firstName: 'Ann',
      lastName: 'Lee',
      email: 'ann@example.com',
      phone: '5551234567',
      city: 'Oslo',
    });
    const overwrite = await t.north.runImport(
      t.northId,
      rowsRequest([['Anna', 'Lee', 'ann@example.com', '', '']], { onMatch: 'overwrite' }, headers),
    );
    expect(overwrite.counts).toMatchObject({ updated: 1 });
    expect((await contactsOf(t.north, t.northId))[0].fields).toMatchObject({
      firstName: 'Anna',
      phone: '5551234567',
      city: 'Oslo',
    });
  });

  it('leaves matched contacts alone with skip, and links a new contact as a possible duplicate with create', async () => {
    const t = await server.tenant();
    await t.north.runImport(t.northId, rowsRequest(contactRows(2)));
    const skipped = await t.north.runImport(t.northId, rowsRequest(contactRows(2), { onMatch: 'skip' }));
    expect(skipped.counts).toMatchObject({ skipped: 2, created: 0 });
    const linked = await t.north.runImport(t.northId, rowsRequest(contactRows(1), { onMatch: 'create' }));
    expect(linked.counts).toMatchObject({ created: 1, linked: 1 });
    const contacts = await contactsOf(t.north, t.northId);
    expect(contacts).toHaveLength(3);
    expect(contacts[2].duplicateOf).toBe(contacts[0].id);
    expect(contacts[2].fields.email).toBe(contacts[0].fields.email);
  });

  it('matches on the secondary key when the primary finds nobody, and on two of name, phone and email', async () => {
    const t = await server.tenant();
    const headers = ['firstName', 'lastName', 'email', 'phone', 'external_id'];
    await t.north.runImport(
      t.northId,
      rowsRequest([['Ann', 'Lee', 'ann@example.com', '5551112222', 'X-1']], {}, headers),
    );
    const bySecondary = await dryRun(
      t.north,
      t.northId,
      rowsRequest(
        [['Ann', 'Lee', 'new@example.com', '5551112222', '']],
        { duplicateKey: { primary: 'external_id', secondary: 'phone' }, onMatch: 'overwrite' },
        headers,
      ),
    );
    expect(bySecondary.outcomes[0]).toMatchObject({
      action: 'update',
      matchedBy: 'phone',
      changes: [{ field: 'email', from: 'ann@example.com', to: 'new@example.com' }],
    });
    const byExternal = await dryRun(
      t.north,
      t.northId,
      rowsRequest(
        [['Bob', 'Other', '', '', 'X-1']],
        { duplicateKey: { primary: 'external_id', secondary: 'none' } },
        headers,
      ),
    );
    expect(byExternal.outcomes[0]).toMatchObject({
      action: 'unchanged',
      matchedBy: 'external_id',
      contactId: bySecondary.outcomes[0].contactId,
    });
    const twoOf = { duplicateKey: { primary: 'two-of-name-phone-email', secondary: 'none' } } as const;
    const nameAndPhone = await dryRun(
      t.north,
      t.northId,
      rowsRequest([['ann', 'LEE', '', '5551112222', '']], twoOf, headers),
    );
    expect(nameAndPhone.outcomes[0]).toMatchObject({
      action: 'unchanged',
      matchedBy: 'two-of-name-phone-email',
    });
    const nameOnly = await dryRun(
      t.north,
      t.northId,
      rowsRequest([['Ann', 'Lee', '', '5559990000', '']], twoOf, headers),
    );
    expect(nameOnly.outcomes[0]).toMatchObject({ action: 'create' });
  });

  it('refuses a new contact whose email another contact holds when email is not the duplicate key', async () => {
    const t = await server.tenant();
    await t.north.runImport(t.northId, rowsRequest(contactRows(1)));
    const request = rowsRequest(contactRows(1), { duplicateKey: { primary: 'none', secondary: 'none' } });
    const planned = await dryRun(t.north, t.northId, request);
    expect(planned.outcomes).toEqual([{ row: 1, action: 'error' }]);
    expect(planned.issues).toEqual([
      expect.objectContaining({ row: 1, field: 'email', code: 'contact.emailTaken' }),
    ]);
    const job = await t.north.runImport(t.northId, request);
    expect(job.status).toBe('failed');
    expect(job.reason).toBe('1 row has errors; nothing was imported.');
    expect(job.issues.map((i) => i.code)).toEqual(['contact.emailTaken']);
    expect(await contactsOf(t.north, t.northId)).toHaveLength(1);
  });

  it('refuses two rows that would update the same contact', async () => {
    const t = await server.tenant();
    const headers = ['firstName', 'lastName', 'phone', 'city'];
    await t.north.runImport(t.northId, rowsRequest([['Ann', 'Lee', '5551112222', '']], {}, headers));
    const planned = await dryRun(
      t.north,
      t.northId,
      rowsRequest(
        [
          ['Ann', 'Lee', '5551112222', 'Oslo'],
          ['Ann', 'Lee', '5551112222', 'Bergen'],
        ],
        { duplicateKey: { primary: 'phone', secondary: 'none' } },
        headers,
      ),
    );
    expect(planned.issues).toContainEqual(
      expect.objectContaining({ row: 2, code: 'contact.matchedTwice', related: [1] }),
    );
  });

  it('keeps unmapped columns as one [import] note when asked, and drops them otherwise', async () => {
    const t = await server.tenant();
    const headers = [...contactHeaders, 'Favourite colour', 'Booth'];
    const rows = contactRows(2).map((r, i) => [...r, i === 0 ? 'green' : '', 'B12']);
    await t.north.runImport(t.northId, rowsRequest(rows, { unmappedColumns: 'note' }, headers));
    await t.south.runImport(t.southId, rowsRequest(rows, {}, headers));
    const [north] = await contactsOf(t.north, t.northId);
    const detail = contactResponseSchema.parse(
      (await t.north.get(apiPaths.contact(t.northId, north.id))).body,
    ).contact;
    expect(detail.notes.filter((n) => n.kind === 'import').map((n) => n.body)).toEqual([
      '[import] Favourite colour: green\nBooth: B12',
    ]);
    const [south] = await contactsOf(t.south, t.southId);
    const southDetail = contactResponseSchema.parse(
      (await t.south.get(apiPaths.contact(t.southId, south.id))).body,
    ).contact;
    expect(southDetail.notes.map((n) => n.kind)).toEqual(['history']);
  });

  it('imports through a mapping, custom fields included, and refuses mappings it cannot honour', async () => {
    const t = await server.tenant();
    const headers = ['Given', 'Family', 'E-mail', 'Best time'];
    const rows = [['Ann', 'Lee', 'ann@example.com', 'mornings']];
    const mapping = ['firstName', 'lastName', 'email', 'custom:preferred_contact_time'];
    const job = await t.north.runImport(t.northId, { ...rowsRequest(rows, {}, headers), mapping });
    expect(job.status).toBe('completed');
    expect((await contactsOf(t.north, t.northId))[0].custom).toEqual({ preferred_contact_time: 'mornings' });
    const unknown = await t.north.post(apiPaths.dryRun(t.northId), {
      ...rowsRequest(rows, {}, headers),
      mapping: ['firstName', 'lastName', 'email', 'custom:shoe_size'],
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({
      error: { code: 'mapping.invalid', issues: [{ path: 'mapping.3', code: 'mapping.unknownTarget' }] },
    });
    const noLastName = await t.north.post(apiPaths.dryRun(t.northId), {
      ...rowsRequest(rows, {}, headers),
      mapping: ['firstName', null, 'email', null],
    });
    expect(noLastName.status).toBe(422);
    expect(noLastName.body).toMatchObject({
      error: { code: 'mapping.invalid', issues: [{ code: 'mapping.requiredMissing' }] },
    });
  });

  it('requires the compliance confirmation when rows carry text or email consent, and says so in the dry run', async () => {
    const t = await server.tenant();
    const headers = ['firstName', 'lastName', 'smsok'];
    const texting = rowsRequest([['Ann', 'Lee', '1']], { complianceConfirmed: false }, headers);
    expect((await dryRun(t.north, t.northId, texting)).compliance).toEqual({
      required: true,
      textConsentRows: 1,
      emailRows: 0,
    });
    const refused = await t.north.startImport(t.northId, texting);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'compliance.required' } });
    const quiet = rowsRequest([['Ann', 'Lee', '0']], { complianceConfirmed: false }, headers);
    expect((await dryRun(t.north, t.northId, quiet)).compliance.required).toBe(false);
    expect((await t.north.runImport(t.northId, quiet)).status).toBe('completed');
    expect((await t.north.get(apiPaths.imports(t.northId))).body).toMatchObject({
      imports: [{ status: 'completed' }],
    });
  });

  it('refuses options naming another account’s plan, and ID cells the account does not have', async () => {
    const t = await server.tenant();
    const southPlan = (await lookupsOf(t.south, t.southId)).actionPlans[0];
    const refused = await t.north.post(
      apiPaths.dryRun(t.northId),
      rowsRequest(contactRows(1), { actionPlanId: southPlan.id }),
    );
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ error: { code: 'options.unknownId' } });
    const headers = ['firstName', 'lastName', 'action_plan_id'];
    const job = await t.north.runImport(t.northId, rowsRequest([['Ann', 'Lee', southPlan.id]], {}, headers));
    expect(job.status).toBe('failed');
    expect(job.issues).toEqual([
      expect.objectContaining({ row: 1, field: 'action_plan_id', code: 'id.unknown', severity: 'error' }),
    ]);
  });

  it('fails an import with the shared validator’s issues and writes nothing when any row has an error', async () => {
    const t = await server.tenant();
    const rows = contactRows(5);
    rows[3][3] = '+1 (555) 123-4567';
    const job = await t.north.runImport(t.northId, rowsRequest(rows));
    expect(job.status).toBe('failed');
    expect(job.counts).toBeNull();
    expect(job.issues).toEqual([
      expect.objectContaining({
        row: 4,
        column: 3,
        field: 'phone',
        code: 'phone.digits',
        fix: { value: '5551234567', fix: expect.any(String) },
      }),
    ]);
    expect(await contactsOf(t.north, t.northId)).toEqual([]);
  });

  it('keeps the history of imports per account, newest first, with who ran them', async () => {
    const t = await server.tenant();
    await t.north.runImport(t.northId, rowsRequest(contactRows(1)));
    await t.north.runImport(t.northId, rowsRequest(contactRows(1, { start: 1 })));
    await t.enterprise.runImport(t.northId, rowsRequest(contactRows(1, { start: 2 })));
    const history = importListResponseSchema.parse(
      (await t.north.get(`${apiPaths.imports(t.northId)}?limit=2`)).body,
    );
    expect(history.imports.map((j) => j.createdBy.name)).toEqual([t.seed.enterprise.userName, 'North Owner']);
    expect(
      history.imports.every(
        (j) => j.status === 'completed' && j.counts?.processed === 1 && j.finishedAt !== null,
      ),
    ).toBe(true);
    const older = importListResponseSchema.parse(
      (await t.north.get(`${apiPaths.imports(t.northId)}?limit=2&before=${history.nextBefore}`)).body,
    );
    expect(older.imports).toHaveLength(1);
    expect(older.nextBefore).toBeNull();
    expect(
      importListResponseSchema.parse((await t.south.get(apiPaths.imports(t.southId))).body).imports,
    ).toEqual([]);
  });
});
