import type { Plugin } from 'vite';

/**
 * Patterns that a strict CSP (`script-src 'self'; style-src 'self'`, no 'unsafe-inline',
 * no 'unsafe-eval') would block, each with the reason shown when the build fails.
 */
const HTML_RULES: Array<[RegExp, string]> = [
  [/<script(?![^>]*\bsrc=)[^>]*>/i, 'an inline <script> (scripts must be files)'],
  [/<style[\s>]/i, 'an inline <style> element (styles must be files)'],
  [/\sstyle\s*=/i, 'a style="" attribute'],
  [/\son[a-z]+\s*=/i, 'an inline event handler attribute'],
  [/javascript:/i, 'a javascript: URL'],
];

const CODE_RULES: Array<[RegExp, string]> = [
  [/\beval\s*\(/, 'a call to eval()'],
  [/\bnew\s+Function\s*\(/, 'new Function()'],
];

/** The first rule a text breaks, as a sentence, or null. Exported for the tests. */
export function cspProblem(text: string, kind: 'html' | 'code'): string | null {
  for (const [pattern, reason] of kind === 'html' ? HTML_RULES : CODE_RULES) {
    if (pattern.test(text)) return reason;
  }
  return null;
}

/**
 * Fails `vite build` when the emitted index.html or a script chunk needs anything the
 * webview's CSP forbids, so the desktop app never shows a blank window for that reason.
 */
export function cspGuard(): Plugin {
  return {
    name: 'ssewatch-csp-guard',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        const text =
          file.type === 'chunk' ? file.code : typeof file.source === 'string' ? file.source : null;
        if (text === null) continue;
        const kind = file.fileName.endsWith('.html') ? 'html' : file.fileName.endsWith('.js') ? 'code' : null;
        const problem = kind && cspProblem(text, kind);
        if (problem) this.error(`${file.fileName} breaks the webview CSP: it contains ${problem}`);
      }
    },
  };
}
