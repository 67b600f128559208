// The Content-Security-Policy and the other response headers the app is served with, in Electron (the app://
// protocol handler) and in the browser fallback (the local static server). Scripts only from the app itself:
// no inline script, no eval, no remote code; nothing may frame the app and no form may post anywhere.

/**
 * Vite's `html.cspNonce` placeholder. When the built index.html carries it, each response gets a fresh nonce
 * and styles need it (AG Grid injects its theme CSS at runtime and takes the nonce as `styleNonce`).
 */
export const cspNoncePlaceholder = 'LISTPREP_CSP_NONCE';

export type PolicyVariant = 'electron' | 'web';

export type PolicyOptions = Readonly<{
  variant: PolicyVariant;
  /** The per-response nonce; without one, injected styles fall back to 'unsafe-inline' (never scripts). */
  styleNonce?: string;
  /**
   * The browser variant only: the lab server (`http://host:port`, an origin the transport policy accepted
   * from LISTPREP_INSECURE_SERVER) the page may reach over plain http besides this machine.
   */
  insecureServer?: string;
}>;

/** The CSP header value. */
export function contentSecurityPolicy(options: PolicyOptions): string {
  const styleSource = options.styleNonce ? `'nonce-${options.styleNonce}'` : "'unsafe-inline'";
  // In Electron the renderer never talks to the network: uploads are made by the main process. In a plain
  // browser bridge.web.ts fetches the import server itself, at an address the user types, so connect-src
  // must allow https anywhere and http only on this machine (the server's default of 127.0.0.1), and to the
  // one lab server named at start. The browser enforces this even if the page's own check were bypassed.
  const lab = options.insecureServer ? ` ${options.insecureServer}` : '';
  const connect =
    options.variant === 'electron' ? "'self'" : `'self' https: http://127.0.0.1:* http://localhost:*${lab}`;
  return [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self'",
    `style-src 'self' ${styleSource}`,
    // AG Grid embeds its icons as data: SVGs; exports are offered as blob: downloads.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "manifest-src 'self'",
    "media-src 'none'",
    "object-src 'none'",
    "frame-src 'none'",
    "child-src 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

/** Headers for every response: the CSP plus no MIME sniffing, no referrer, no powerful features. */
export function securityHeaders(options: PolicyOptions): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Permissions-Policy':
      'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=()',
  };
}
