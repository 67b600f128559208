import { describe, expect, it } from 'vitest';
import { planRestore } from './entries';

describe('planning a restore from a journal', () => {
  it('starts from the last open entry and ends at the last place the user was', () => {
    const entries = [
      { t: 'open', name: 'old.csv', size: 1, options: {}, headerRow: 1 },
      { t: 'op', op: { t: 'cells', label: 'edit', keys: [0], cols: [0], before: ['a'], after: ['b'] } },
      { t: 'open', name: 'new.csv', size: 2, handle: 'h1', options: {}, headerRow: 4 },
      { t: 'map', targets: [] },
      { t: 'ui', screen: 'fix', focus: { key: 1, col: 2 } },
      { t: 'undo' },
      { t: 'ui', screen: 'fix', focus: { key: 3, col: 0 }, draft: 'Acme' },
      { t: 'something from a newer version' },
    ];
    const plan = planRestore(entries);
    expect(plan?.open.name).toBe('new.csv');
    expect(plan?.work.map((e) => e.t)).toEqual(['map', 'undo']);
    expect(plan?.ui).toEqual({ t: 'ui', screen: 'fix', focus: { key: 3, col: 0 }, draft: 'Acme' });
  });

  it('keeps the last day/month order the user chose for each date column since the last open', () => {
    const entries = [
      { t: 'open', name: 'old.csv', size: 1, options: {}, headerRow: 1 },
      { t: 'dateOrder', header: 'creation_date', order: 'mdy' },
      { t: 'open', name: 'new.csv', size: 2, options: {}, headerRow: 1 },
      { t: 'map', targets: [] },
      { t: 'dateOrder', header: 'anniversary_1', order: 'mdy' },
      { t: 'dateOrder', header: 'anniversary_2', order: 'dmy' },
      { t: 'dateOrder', header: 'anniversary_1', order: 'dmy' },
      { t: 'dateOrder', header: 'anniversary_2', order: 'ymd' },
    ];
    const plan = planRestore(entries);
    expect(plan?.dateOrders).toEqual({ anniversary_1: 'dmy', anniversary_2: 'dmy' });
    expect(plan?.work.map((e) => e.t)).toEqual(['map']);
  });

  it('has nothing to restore without an open entry', () => {
    expect(planRestore([{ t: 'undo' }])).toBeNull();
  });
});
