import { checkEmail } from '../validate/email';
import { cleanCell } from './text';
import type { Fix } from './types';

const displayName = /^[^<>]*<\s*([^<>\s]+)\s*>$/;
const trailingComment = /^([^\s()]+)\s*\([^()]*\)$/;

/**
 * The address inside what mail programs copy: `Ann Lee <ann@example.com>`, `mailto:ann@example.com`,
 * `ann@example.com (Ann)`, a trailing `;` or `.` and zero-width characters. Only when what is left is valid.
 */
export const extractEmail: Fix = (value) => {
  let text = cleanCell(value);
  const named = displayName.exec(text);
  if (named) text = named[1];
  const commented = trailingComment.exec(text);
  if (commented) text = commented[1];
  if (text.toLowerCase().startsWith('mailto:')) text = text.slice(7);
  text = text.replace(/^["'<]+|["'>;,.]+$/g, '');
  return text !== '' && checkEmail(text) === 'ok' ? { value: text, fix: 'email.address' } : null;
};
