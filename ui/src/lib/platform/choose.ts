/**
 * Picks the platform at start-up: Tauri when the webview runs inside the desktop shell (which
 * defines `window.__TAURI_INTERNALS__`), otherwise the fake with a live demo feed, so
 * `npm run dev` and `vite preview` work in any browser. Each is loaded on demand.
 */
import type { Platform } from './platform';

export function insideTauri(target: object = window): boolean {
  return '__TAURI_INTERNALS__' in target;
}

export async function choosePlatform(): Promise<Platform> {
  if (insideTauri()) {
    const { createTauriPlatform } = await import('./tauri');
    return createTauriPlatform();
  }
  const { FakePlatform } = await import('./fake');
  return FakePlatform.demo();
}
