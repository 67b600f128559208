import { fileNameHeader, fileNameMaxLength } from '../../shared/api';
import { ApiError } from '../http/api-error';

// What encodeURIComponent writes: unreserved ASCII and %XX escapes. Anything else in the header was not
// written by a client of this API (raw UTF-8 arrives as Latin-1 in Node's headers and would be misread).
const encoded = /^(?:[A-Za-z0-9\-_.!~*'()]|%[0-9A-Fa-f]{2})+$/;
// Every character of a name at its longest takes at most 4 UTF-8 bytes of 3 characters each.
const maxHeaderLength = fileNameMaxLength * 12;

function refuse(why: string): never {
  // The reason names the header and the rule, never the name: file names are personal data.
  throw new ApiError('request.invalid', `The ${fileNameHeader} header is not valid: ${why}`, [
    { path: `header.${fileNameHeader}`, code: 'invalid_format', message: why },
  ]);
}

/**
 * The uploaded file's name from the X-File-Name header (percent-encoded UTF-8), or `upload` when there is
 * none. Refused with 400 when it is not percent-encoded UTF-8, is empty, longer than 255 characters, or holds
 * a NUL or a lone surrogate (which PostgreSQL cannot store).
 */
export function fileNameOf(headers: Readonly<Record<string, string | string[] | undefined>>): string {
  const value = headers[fileNameHeader];
  if (value === undefined) return 'upload';
  if (typeof value !== 'string') refuse('sent more than once');
  if (value.length > maxHeaderLength) refuse(`longer than ${fileNameMaxLength} characters`);
  if (value === '') refuse('empty');
  if (!encoded.test(value)) refuse('not percent-encoded UTF-8');
  let name: string;
  try {
    name = decodeURIComponent(value);
  } catch {
    // Malformed escapes, or bytes that are not UTF-8, which includes a lone surrogate (it has no UTF-8 form).
    refuse('not percent-encoded UTF-8 (an unpaired surrogate has none)');
  }
  if (name.length > fileNameMaxLength) refuse(`longer than ${fileNameMaxLength} characters`);
  if (name === '') refuse('empty');
  if (name.includes('\u0000')) refuse('contains a NUL character (U+0000), which cannot be stored');
  return name;
}
