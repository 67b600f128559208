import type { IssueCode } from '../codes';
import type { DuplicateMatch } from '../duplicate-index';

export { type Locale, locales } from '../../locale';

/** A duplicate group as one member's message names it: a few of the other rows, and how many more. */
export type MessageGroup = Readonly<{
  match: DuplicateMatch;
  /** 1-based numbers of up to five other rows of the group, ascending. */
  rows: readonly number[];
  /** How many other rows the group has besides those named. */
  more: number;
}>;

/** What a message may mention about the problem cell. */
export type MessageParams = Readonly<{
  /** The column's name for people, in the message's language. */
  label: string;
  value: string;
  /** For duplicates: the row's groups (one for a unique column; one per shared pair for a likely duplicate). */
  groups: readonly MessageGroup[];
  /** The allowed values of a choice, ID or list column (or a group's keys), already joined for reading. */
  allowed: string;
  /** The column's group for people (Configio's "Contact"), or ''. */
  group: string;
  /** The CRM's name ("ClientTether"), or '' when the template is not known. */
  crm: string;
}>;

export type MessageTable = Readonly<Record<IssueCode, (p: MessageParams) => string>>;

// The order pairs are named in: as people would say it.
const pairOrder: readonly DuplicateMatch[] = ['value', 'namePhone', 'emailPhone', 'nameEmail'];

/**
 * The groups of a likely duplicate that name the same rows, merged (a row whose name, phone and email all
 * match others is in three groups of the same rows): each entry lists the pairs and the rows once.
 */
export function mergeSameRows(
  groups: readonly MessageGroup[],
): { matches: DuplicateMatch[]; group: MessageGroup }[] {
  const merged: { matches: DuplicateMatch[]; group: MessageGroup }[] = [];
  const byPair = [...groups].sort((a, b) => pairOrder.indexOf(a.match) - pairOrder.indexOf(b.match));
  for (const group of byPair) {
    const same = merged.find(
      (m) => m.group.more === group.more && m.group.rows.join(',') === group.rows.join(','),
    );
    if (same) same.matches.push(group.match);
    else merged.push({ matches: [group.match], group });
  }
  return merged;
}
