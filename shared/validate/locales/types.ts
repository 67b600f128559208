import type { IssueCode } from '../codes';

export { type Locale, locales } from '../../locale';

/** What a message may mention about the problem cell. */
export type MessageParams = Readonly<{
  /** The column's name for people, in the message's language. */
  label: string;
  value: string;
  /** 1-based row numbers of the other rows involved (duplicates). */
  related: readonly number[];
  /** The allowed values of a choice or ID column, already joined for reading. */
  allowed: string;
}>;

export type MessageTable = Readonly<Record<IssueCode, (p: MessageParams) => string>>;
