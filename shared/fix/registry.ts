import type { FieldKind } from '../template';
import { trimInvisible } from './text';
import { normalizePhone } from './phone';
import type { Fix } from './types';

/** The fixes tried for each kind, in order; the first certain one wins. */
export const fixersByKind: Readonly<Record<FieldKind, readonly Fix[]>> = {
  text: [trimInvisible],
  phone10: [normalizePhone],
  flag01: [],
  email: [],
  region: [],
  postal: [],
  date: [],
  whole: [],
  choice: [],
  idRef: [],
  tags: [trimInvisible],
};
