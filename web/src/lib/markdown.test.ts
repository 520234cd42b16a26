import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown';

describe('comments render a safe Markdown subset', () => {
  it('turns a bare URL into a link that opens apart, without handing over this tab', () => {
    const html = renderMarkdown('Mira https://example.com/guia?x=1 por favor');
    expect(html).toContain('<a href="https://example.com/guia?x=1" target="_blank" rel="noopener noreferrer">');
  });

  it('shows raw HTML as the text typed: a script tag never becomes markup', () => {
    const html = renderMarkdown('<script>alert(1)</script> <img src=x onerror=alert(2)>');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('refuses javascript: and data: links', () => {
    const html = renderMarkdown('[pulsa](javascript:alert(1)) [esto](data:text/html;base64,PHNjcmlwdD4=)');
    expect(html).not.toMatch(/href="(javascript|data):/i);
  });

  it('keeps emphasis, code, lists and line breaks; leaves headings and images as text', () => {
    const html = renderMarkdown('**negrita** y `código`\nsegunda línea\n\n- uno\n- dos\n\n# no es un título\n\n![x](https://e.com/x.png)');
    expect(html).toContain('<strong>negrita</strong>');
    expect(html).toContain('<code>código</code>');
    expect(html).toContain('<br>');
    expect(html).toContain('<li>uno</li>');
    expect(html).not.toContain('<h1');
    expect(html).not.toContain('<img');
  });
});
