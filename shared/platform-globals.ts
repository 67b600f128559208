// The few globals that every place shared/ runs (browser, Web Worker, Node, Electron) provides. Declared
// here by hand, narrowly, because shared/ compiles without DOM or Node types on purpose: anything else from
// the platform must come in through a parameter.

export {};

declare global {
  class TextDecoder {
    constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
    readonly encoding: string;
    decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
  }

  class TextEncoder {
    encode(input?: string): Uint8Array;
  }
}
