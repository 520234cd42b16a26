import DOMPurify from 'dompurify';
import MarkdownIt from 'markdown-it';

/**
 * The small Markdown subset a comment may use: paragraphs and line breaks, emphasis, inline code and code blocks,
 * lists, quotes and links (bare URLs become links). Raw HTML is text, never markup (`html: false`), so `<script>`
 * shows as typed; headings, images and tables are left out (a comment is a message, not a page). Links open in a new
 * tab without handing it this one (`noopener noreferrer`). markdown-it already refuses `javascript:`/`data:` links;
 * DOMPurify then cleans the output once more, so a bug in either layer alone cannot run code.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false }).disable([
  'heading',
  'lheading',
  'image',
  'table',
  'hr',
]);

md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
  const token = tokens[idx];
  token.attrSet('target', '_blank');
  token.attrSet('rel', 'noopener noreferrer');
  return self.renderToken(tokens, idx, options);
};

/** The tags and attributes the renderer above can produce; anything else is dropped. */
const ALLOWED_TAGS = ['p', 'br', 'em', 'strong', 's', 'code', 'pre', 'ul', 'ol', 'li', 'blockquote', 'a'];
const ALLOWED_ATTR = ['href', 'start'];

// DOMPurify drops `target` whatever the allow-list says (it can be abused for tab-nabbing): links get theirs back
// here, after sanitising, together with the `rel` that makes it safe.
if (DOMPurify.isSupported) {
  DOMPurify.addHook('afterSanitizeAttributes', (node) => {
    if (node.tagName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

/** Comment text as safe HTML (the Markdown subset above), ready for `dangerouslySetInnerHTML`. */
export function renderMarkdown(text: string): string {
  const html = md.render(text);
  // DOMPurify needs a DOM: the browser has one; a DOM-less test runner checks the markdown-it layer alone.
  if (!DOMPurify.isSupported) return html;
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|tel:|#|\/)/i });
}
