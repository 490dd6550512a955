/**
 * The renderer's Content-Security-Policy: sent as a header by the app protocol and repeated
 * in renderer/index.html's meta tag (a test keeps the two identical). Nothing is loaded from
 * anywhere but the app itself; no inline script, no eval.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "frame-src 'none'",
].join('; ');
