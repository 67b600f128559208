const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Bytes as base64 (RFC 4648, with padding), for the journal of a file the platform cannot reopen by handle.
 * Written out here because shared/ has no btoa or Buffer; built in slices, since one string per byte of a
 * large file would be slow.
 */
export function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  const full = bytes.length - (bytes.length % 3);
  for (let start = 0; start < full; start += 0x6000) {
    const end = Math.min(full, start + 0x6000);
    const codes = new Array<number>(((end - start) / 3) * 4);
    let o = 0;
    for (let i = start; i < end; i += 3) {
      const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
      codes[o++] = alphabet.charCodeAt(n >>> 18);
      codes[o++] = alphabet.charCodeAt((n >>> 12) & 63);
      codes[o++] = alphabet.charCodeAt((n >>> 6) & 63);
      codes[o++] = alphabet.charCodeAt(n & 63);
    }
    parts.push(String.fromCharCode(...codes));
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full] << 16;
    parts.push(`${alphabet[n >>> 18]}${alphabet[(n >>> 12) & 63]}==`);
  } else if (rest === 2) {
    const n = (bytes[full] << 16) | (bytes[full + 1] << 8);
    parts.push(`${alphabet[n >>> 18]}${alphabet[(n >>> 12) & 63]}${alphabet[(n >>> 6) & 63]}=`);
  }
  return parts.join('');
}
