import { describe, expect, it } from 'vitest';
import { cspProblem } from '../build/csp-guard';

describe('the CSP build guard', () => {
  it('accepts what Vite emits', () => {
    const html = '<script type="module" crossorigin src="./assets/index.js"></script><link rel="stylesheet" href="./assets/index.css">';
    expect(cspProblem(html, 'html')).toBeNull();
    expect(cspProblem('const evaluate = 1; element.style.setProperty("top", "1px")', 'code')).toBeNull();
  });

  it.each([
    ['<script>alert(1)</script>', 'inline <script>'],
    ['<style>body{}</style>', '<style>'],
    ['<div style="color:red"></div>', 'style=""'],
    ['<body onload="go()">', 'event handler'],
  ])('rejects %s', (html, reason) => {
    expect(cspProblem(html, 'html')).toContain(reason);
  });

  it('rejects eval and new Function in scripts', () => {
    expect(cspProblem('x = eval("1")', 'code')).toContain('eval');
    expect(cspProblem('f = new Function("a", "return a")', 'code')).toContain('Function');
  });
});
