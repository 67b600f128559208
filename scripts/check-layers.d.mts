/** Every breach of the import rule under `root`, one line each (empty when there is none). */
export function checkLayers(root: string): string[];
