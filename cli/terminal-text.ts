// Cells and file names are anyone's text. Printed raw, an ESC starts a terminal escape sequence (colours,
// cursor moves, a new window title), a line break fakes another line of output, and a direction override
// reverses the rest of the line. Everything the CLI echoes for people goes through `shown`.

// C0 and C1 controls, DEL; zero-width characters and marks (U+200B-200F); line and paragraph separators,
// direction embeddings and overrides (U+2028-202E); word joiner and invisible operators (U+2060-2064);
// direction isolates (U+2066-2069); the byte order mark.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const hidden = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

const named: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return (
    named[char] ??
    (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/** Text safe to print on a terminal: control characters and invisible marks written as `\x1b`, `\u202e`. */
export function shown(text: string): string {
  return text.replace(hidden, escapeChar);
}

// JSON.stringify escapes C0 controls but writes the other invisible characters as they are.
const hiddenInJson = /[\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** JSON with every invisible character escaped (`\u202e`): the same data, and safe on a terminal. */
export function jsonShown(json: string): string {
  return json.replace(hiddenInJson, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
