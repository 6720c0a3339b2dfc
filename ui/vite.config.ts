import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';
import { CSP } from './build/csp';
import { cspGuard } from './build/csp-guard';

export default defineConfig({
  plugins: [svelte(), svelteTesting(), cspGuard()],
  // Relative asset URLs work from Tauri's custom protocol and from any static server.
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Never turn assets into data: URLs: fonts and scripts from data: break the CSP.
    assetsInlineLimit: 0,
  },
  // The Tauri dev server URL the shell's devUrl points at.
  server: { port: 5173, strictPort: true, host: '127.0.0.1' },
  // Serve the built UI under the desktop CSP so violations show up in a plain browser.
  preview: { headers: { 'Content-Security-Policy': CSP } },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
  },
});
