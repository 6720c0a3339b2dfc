/**
 * The Content Security Policy the desktop shell sets on the webview (keep it identical to
 * `app.security.csp` in the root tauri.conf.json). `vite preview` serves the built UI with it
 * so a browser shows any violation before the desktop app does.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  'connect-src ipc: http://ipc.localhost',
].join('; ');
