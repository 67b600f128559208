import { en } from './en';
import { nb } from './nb';
import type { Locale, MessageTable } from './types';

export * from './types';

export const messageTables: Readonly<Record<Locale, MessageTable>> = { en, nb };
