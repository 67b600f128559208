// The system clipboard without asking for a permission: the desktop app grants none, and a browser asks the
// person before a page may read it. A copy is the browser's own copy command, whose event carries our text
// (it needs the key press that started it, a few seconds old at most); a paste arrives as the paste event.

/** Puts text on the clipboard; false when the browser refused (the key press is too long ago). */
export function writeClipboard(text: string): boolean {
  let written = false;
  const onCopy = (event: ClipboardEvent) => {
    if (!event.clipboardData) return;
    event.clipboardData.setData('text/plain', text);
    event.preventDefault();
    written = true;
  };
  document.addEventListener('copy', onCopy, true);
  try {
    // Deprecated but the one way to write the clipboard with no permission, in Electron and browsers alike.
    return document.execCommand('copy') && written;
  } finally {
    document.removeEventListener('copy', onCopy, true);
  }
}

/** The plain text of a paste event (what Excel and Sheets put there as tab-separated text). */
export function pastedText(event: ClipboardEvent): string | null {
  return event.clipboardData?.getData('text/plain') ?? null;
}
