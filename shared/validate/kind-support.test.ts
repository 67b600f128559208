import { describe, expect, it } from 'vitest';
import { clientTether, mainBrainer } from '../template';
import { loadTemplateSupport } from './kind-support';
import { SheetValidator } from './sheet-validator';

// The phone library loads only for a template that needs it (ClientTether's `listprep check` never pays for
// it), and a validator built before it is loaded fails at once rather than on some cell later.
describe('what a template’s kinds need', () => {
  it('refuses to validate international phones before they are loaded, and needs nothing for ClientTether', async () => {
    expect(() => new SheetValidator({ template: mainBrainer, columns: mainBrainer.fields })).toThrow(
      /loadTemplateSupport/,
    );
    await loadTemplateSupport(clientTether);
    expect(() => new SheetValidator({ template: mainBrainer, columns: mainBrainer.fields })).toThrow();
    await loadTemplateSupport(mainBrainer);
    const validator = new SheetValidator({ template: mainBrainer, columns: mainBrainer.fields });
    const row = mainBrainer.fields.map((f) => (f.header === 'Mobilnummer' ? '+4791234567' : ''));
    expect(validator.findings(validator.addRow(row))).toEqual([]);
  });
});
